"""An analyst imports a LimeSurvey survey in a real browser: first a broken file (the error
is shown on the form), then a real one, and reads the report. axe-core checks the upload
page, the page with the error and the report against WCAG 2.1 A and AA."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from gehoord.framework import service
from gehoord.framework.models import Questionnaire
from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .test_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LSS = Path(__file__).parents[2] / "framework" / "tests" / "lss" / "burgerzaken_ls6.lss"


def test_analyst_imports_a_limesurvey_file(page: Page, live_server, make_member, org_a, tmp_path):
    service.install_defaults(org_a)
    analyst = make_member(Role.ANALYST, org_a, username="analist@example.org")
    log_in(page, live_server.url, analyst.username)
    page.get_by_role("link", name="Vragenlijsten").first.click()
    page.get_by_role("link", name="Vragenlijst importeren").click()
    expect(page.get_by_role("heading", level=1, name="Vragenlijst importeren")).to_be_visible()
    expect(page.get_by_label("Gebruik vragen uit de vragenbank met dezelfde tekst")).to_be_checked()
    assert_accessible(page)

    broken = tmp_path / "kapot.lss"
    broken.write_text("<document><LimeSurveyDocType>Survey")
    page.get_by_label("Bestand").set_input_files(broken)
    page.get_by_role("button", name="Importeren").click()
    expect(page.get_by_role("alert")).to_contain_text("Het bestand is geen geldige XML")
    assert not Questionnaire.objects.exists()
    assert_accessible(page)

    page.get_by_label("Bestand").set_input_files(LSS)
    page.get_by_role("button", name="Importeren").click()
    expect(
        page.get_by_role(
            "heading", level=1, name="Importverslag: Klanttevredenheid Burgerzaken 2026"
        )
    ).to_be_visible()
    expect(page.get_by_role("table", name="Niet overgenomen")).to_contain_text(
        "gehoord heeft dit soort vraag niet (een rangorde)"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Controleer het concept").click()
    expect(page.get_by_role("heading", level=2, name="Concept: versie 1")).to_be_visible()
