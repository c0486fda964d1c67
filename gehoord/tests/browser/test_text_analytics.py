"""An analyst reads what residents wrote: the open-answers tab from the results, themes with
masked quotes, and the survey-versus-complaints table. axe-core checks both pages."""

import pytest
from playwright.sync_api import Page, expect

from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .test_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def analyst(make_member, demo_org):
    """The demo's seed built its rollups and text analyses."""
    organisation = demo_org
    make_member(Role.ANALYST, organisation, username="analist@example.org")
    return organisation


def test_text_page_is_usable_and_accessible(page: Page, live_server, analyst):
    log_in(page, live_server.url, "analist@example.org")
    page.get_by_role("link", name="Resultaten").first.click()
    page.get_by_role("link", name="Open antwoorden").click()
    expect(page.get_by_role("heading", name="Wat schrijven inwoners?")).to_be_visible()
    expect(page.get_by_role("heading", name="Wat kan er beter?")).to_be_visible()
    expect(
        page.get_by_role("table", name="Meest genoemde thema's — Wat kan er beter?")
    ).to_be_visible()
    expect(page.get_by_text("Typische antwoorden over Wachttijd")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Enquête en klachten").click()
    expect(page.get_by_role("heading", name="Enquête en klachten naast elkaar")).to_be_visible()
    expect(
        page.get_by_role("table", name="Enquête en klachten per dienst en thema")
    ).to_be_visible()
    assert_accessible(page)
    expect(page.get_by_role("columnheader", name="Tegenspraak")).to_be_visible()
