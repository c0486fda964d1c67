"""A real user in a real browser: log in, switch organisation, create a service.

axe-core checks each page against the WCAG 2.1 A and AA rules.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from gehoord.catalog.models import Service
from gehoord.catalog.tests.factories import make_provider, make_service
from gehoord.conftest import PASSWORD
from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .second_step import pass_second_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def member(make_member, org_a, org_b):
    user = make_member(Role.ADMINISTRATOR, org_a, org_b, username="regisseur@example.org")
    make_service(org_a, "Paspoort")
    make_provider(org_b, "Zorg Dichtbij", services=[make_service(org_b, "Wmo begeleiding")])
    return user


def log_in(page: Page, base_url: str, username: str) -> None:
    """Log in through the real form (shared by the browser tests), with the second step
    when the member's organisation asks for it."""
    page.goto(base_url + "/inloggen/")
    page.get_by_label("E-mailadres").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()
    expect(page).not_to_have_url(re.compile(r"/inloggen/(\?.*)?$"))
    pass_second_step(page, username)


def test_login_switch_organisation_and_create_service(
    page: Page, live_server, member, org_a, org_b
):
    page.goto(live_server.url + "/inloggen/")
    expect(page.get_by_role("heading", name="Inloggen")).to_be_visible()
    assert_accessible(page)

    # A wrong password gives a clear message, and that page is accessible too.
    page.get_by_label("E-mailadres").fill(member.username)
    page.get_by_label("Wachtwoord").fill("fout")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_text("Inloggen is niet gelukt")).to_be_visible()
    assert_accessible(page)

    log_in(page, live_server.url, member.username)
    expect(page.get_by_text(f"U werkt in {org_a.name}")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Catalogus").first.click()
    expect(page.get_by_role("rowheader", name="Paspoort")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Organisatie").select_option(label=org_b.name)
    page.get_by_role("button", name="Wissel").click()
    expect(page.get_by_text(f"U werkt nu in {org_b.name}")).to_be_visible()
    expect(page.get_by_text("Paspoort")).to_have_count(0)
    expect(page.get_by_role("rowheader", name="Wmo begeleiding")).to_be_visible()

    for tab in ("Aanbieders", "Teams", "Klantreizen"):
        page.get_by_role("link", name=tab, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(tab)
        assert_accessible(page)

    page.get_by_role("link", name="Diensten", exact=True).click()
    page.get_by_role("link", name="Dienst toevoegen").click()
    assert_accessible(page)
    # Submitting without a name shows an error summary that links to the field.
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Naam: Dit veld is verplicht.")
    assert_accessible(page)
    page.get_by_role("link", name="Naam: Dit veld is verplicht.").click()
    expect(page.get_by_label("Naam")).to_be_focused()

    page.get_by_label("Naam").fill("Rijbewijs")
    page.get_by_label("Code").fill("rijbewijs")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("“Rijbewijs” is opgeslagen.")).to_be_visible()
    expect(page.get_by_role("rowheader", name="Rijbewijs")).to_be_visible()

    created = Service.objects.get(name="Rijbewijs")
    assert created.organisation == org_b


def test_language_switch_and_keyboard_skip_link(page: Page, live_server, member):
    log_in(page, live_server.url, member.username)
    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="Welcome to gehoord")).to_be_visible()
    assert_accessible(page)

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    page.get_by_role("button", name="Nederlands").click()
    expect(page.get_by_role("heading", name="Welkom bij gehoord")).to_be_visible()


def test_password_reset_page_is_accessible(page: Page, live_server, db):
    page.goto(live_server.url + "/wachtwoord-vergeten/")
    expect(page.get_by_role("heading", name="Wachtwoord vergeten?")).to_be_visible()
    assert_accessible(page)
