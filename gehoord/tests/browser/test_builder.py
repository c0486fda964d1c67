"""An analyst builds a questionnaire from the standard set in a real browser, previews it and
publishes it. axe-core checks the list, the builder, the preview and a bank form with an
error against WCAG 2.1 A and AA."""

import re

import pytest
from playwright.sync_api import Page, expect

from gehoord.catalog.tests.factories import make_service
from gehoord.framework import service
from gehoord.framework.models import Questionnaire, VersionStatus
from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .test_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

GRADE = "Welk rapportcijfer geeft u de dienstverlening?"
QUICK = "Ik werd snel geholpen."
SERIOUS = "De medewerker nam mij serieus."


@pytest.fixture
def analyst(make_member, org_a):
    service.install_defaults(org_a)
    make_service(org_a, "Wmo huishoudelijke hulp")
    return make_member(Role.ANALYST, org_a, username="analist@example.org")


def named(action: str, question: str) -> re.Pattern:
    """The accessible name of an action button with its visually hidden question text.

    Chromium puts a space between the visible and the hidden part ("Omhoog : …")."""
    return re.compile(rf"^{re.escape(action)}\s*:\s*{re.escape(question)}$")


def add_question(page: Page, label: str, page_number: int, required: bool = False) -> None:
    form = page.locator("form.add-item")
    form.get_by_label("Vraag uit de vragenbank").select_option(label=label)
    form.get_by_label("Pagina").fill(str(page_number))
    if required:
        form.get_by_label("De inwoner moet deze vraag beantwoorden").check()
    form.get_by_role("button", name="Vraag toevoegen").click()


def test_analyst_builds_previews_and_publishes(page: Page, live_server, analyst, org_a):
    log_in(page, live_server.url, analyst.username)
    page.get_by_role("link", name="Vragenlijsten").first.click()
    expect(page.get_by_role("heading", level=1, name="Vragenlijsten")).to_be_visible()
    expect(page.get_by_text("Er zijn nog geen vragenlijsten.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Nieuwe vragenlijst").click()
    page.get_by_label("Naam").fill("Wmo-cliëntervaring 2026")
    page.get_by_label("Wmo huishoudelijke hulp").check()
    page.get_by_label("Open link").check()
    page.get_by_role("button", name="Vragenlijst maken").click()
    expect(page.get_by_role("heading", level=2, name="Concept: versie 1")).to_be_visible()

    # The grade and two agreement items of the standard sets; htmx swaps the section and
    # announces the result in the builder's own status region.
    status = page.locator("#builder-status")
    add_question(page, f"{GRADE} (Rapportcijfer 1–10)", 1, required=True)
    expect(status).to_contain_text(f"“{GRADE}” is toegevoegd aan pagina 1")
    add_question(page, f"{SERIOUS} (Eens of oneens (5 antwoorden))", 2)
    expect(status).to_contain_text("is toegevoegd aan pagina 2")
    add_question(page, f"{QUICK} (Eens of oneens (5 antwoorden))", 2)
    expect(status).to_contain_text(f"“{QUICK}” is toegevoegd aan pagina 2")

    # Move "snel geholpen" up twice: past "serieus", then onto the end of page 1.
    page.get_by_role("button", name=named("Omhoog", QUICK)).click()
    expect(status).to_contain_text("staat nu op pagina 2")
    page.get_by_role("button", name=named("Omhoog", QUICK)).click()
    expect(status).to_contain_text("staat nu op pagina 1")
    # Focus stays on the button that was used, so a keyboard user keeps their place.
    expect(page.get_by_role("button", name=named("Omhoog", QUICK))).to_be_focused()
    expect(page.get_by_text("Deze versie is klaar om te publiceren.")).to_be_visible()
    assert_accessible(page)

    # A condition: "serieus" only when the grade is at most 5.
    page.get_by_role("link", name=named("Pagina en voorwaarde", SERIOUS)).click()
    assert_accessible(page)
    page.get_by_label("Toon deze vraag alleen als het antwoord op").select_option(
        label=f"Pagina 1: {GRADE}"
    )
    page.get_by_label("Vergelijking").select_option(label="is hoogstens")
    page.get_by_label("Waarde").fill("5")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Alleen te zien als het antwoord op")).to_be_visible()

    page.get_by_role("link", name=named("Voorbeeld", "versie 1")).click()
    grade = page.get_by_role("group", name=GRADE)
    expect(grade.get_by_role("radio")).to_have_count(10)
    agreement = page.get_by_role("group", name=QUICK)
    expect(agreement.get_by_role("radio", name="Weet niet / n.v.t.")).to_be_visible()
    expect(page.get_by_role("heading", name="Pagina 2 van 2")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Toon in het Engels").click()
    expect(page.get_by_role("group", name="What grade would you give the service?")).to_be_visible()
    expect(page.get_by_role("radio", name="Don't know / not applicable").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Terug naar “Wmo-cliëntervaring 2026”").click()
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Versie 1 is gepubliceerd.")).to_be_visible()
    expect(page.get_by_role("heading", name="Versie 1 (gepubliceerd)")).to_be_visible()
    assert_accessible(page)

    questionnaire = Questionnaire.objects.get(organisation=org_a)
    version = questionnaire.versions.get()
    assert version.status == VersionStatus.PUBLISHED
    assert [i.text_nl for i in version.items.order_by("page", "position")] == [
        GRADE,
        QUICK,
        SERIOUS,
    ]

    page.get_by_role("link", name="Vragenlijsten", exact=True).last.click()
    expect(page.get_by_role("cell", name="gepubliceerd v1")).to_be_visible()
    assert_accessible(page)


def test_bank_form_with_an_error_is_accessible(page: Page, live_server, analyst):
    log_in(page, live_server.url, analyst.username)
    page.goto(live_server.url + "/vragenlijsten/vragenbank/")
    expect(page.get_by_role("rowheader", name=QUICK)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Nieuwe vraag").click()
    page.get_by_label("Soort vraag").select_option(label="Eén antwoord kiezen")
    page.get_by_label("Code").fill("kanaal")
    page.get_by_label("Vraag (Nederlands)").fill("Indien u reeds contact had, hoe was dat?")
    page.get_by_label("Antwoorden om uit te kiezen").fill("alleen de balie")
    page.get_by_role("button", name="Opslaan").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Regel 1")
    # The B1 tips stay beside the Dutch text as warnings, next to the error.
    expect(page.get_by_text("“reeds” is ambtelijke taal. Schrijf “al”.")).to_be_visible()
    assert_accessible(page)
    alert.get_by_role("link").first.click()
    expect(page.get_by_label("Antwoorden om uit te kiezen")).to_be_focused()

    page.get_by_label("Antwoorden om uit te kiezen").fill(
        "balie | Aan de balie | At the desk\ntelefoon | Telefoon | By phone"
    )
    page.get_by_role("button", name="Opslaan").click()
    # Saved despite the tips, and back on the form so they can be acted on.
    expect(page.get_by_text("“kanaal” is opgeslagen.")).to_be_visible()
    expect(page.get_by_label("Vraag (Nederlands)")).to_have_value(
        "Indien u reeds contact had, hoe was dat?"
    )
