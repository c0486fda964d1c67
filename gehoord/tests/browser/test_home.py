"""The home in a real browser at 1366 and 360 px: what changed and what needs the member,
the menu that folds away on a phone, and no page wider than its window (wide tables scroll
in their own region, long unbroken text from the public form wraps). axe-core checks every
page against WCAG 2.1 A and AA."""

import pytest
from django.db.models import Count
from playwright.sync_api import Page, expect

from gehoord.catalog.models import Service
from gehoord.feedback.tests.factories import make_signal
from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .test_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 360, "height": 740}
UNBROKEN = "x" * 5000


def assert_fits(page: Page) -> None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"{page.url} is {widths[0] - widths[1]} px wider than its window"


@pytest.fixture
def administrator(make_member, demo_org):
    make_member(Role.ADMINISTRATOR, demo_org, username="beheerder-home@example.org")
    return demo_org


def test_home_at_desktop_and_phone(page: Page, live_server, administrator):
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server.url, "beheerder-home@example.org")
    expect(page.get_by_role("heading", name="Welkom bij gehoord")).to_be_visible()
    for title in ("Opvolging", "Signalen", "Verbeteracties", "Uw exports", "Achtergrondwerk"):
        expect(page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Duidelijke veranderingen")).to_be_visible()
    # The menu is always open on a wide screen; its "Menu" button is not there.
    expect(page.get_by_role("link", name="Resultaten", exact=True)).to_be_visible()
    expect(page.locator(".main-nav__toggle")).to_be_hidden()
    assert_fits(page)
    assert_accessible(page)

    page.get_by_role("region", name="Signalen").get_by_role("link", name="Alle signalen").click()
    expect(page).to_have_url(f"{live_server.url}/signalen/")

    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    heading = page.get_by_role("heading", name="Welkom bij gehoord")
    expect(heading).to_be_in_viewport()
    menu_link = page.get_by_role("link", name="Resultaten", exact=True)
    expect(menu_link).to_be_hidden()
    assert_fits(page)
    assert_accessible(page)

    # The menu opens from the keyboard, without any script.
    toggle = page.get_by_text("Menu", exact=True)
    toggle.focus()
    page.keyboard.press("Enter")
    expect(menu_link).to_be_visible()
    assert_fits(page)
    assert_accessible(page)
    toggle.click()
    expect(menu_link).to_be_hidden()


def test_no_page_is_wider_than_its_window(page: Page, live_server, administrator):
    organisation = administrator
    service = (
        Service.objects.filter(organisation=organisation)
        .annotate(providers_count=Count("providers"))
        .order_by("-providers_count", "pk")
        .first()
    )
    signal = make_signal(organisation, text=f"Begin {UNBROKEN} einde")
    log_in(page, live_server.url, "beheerder-home@example.org")
    paths = (
        "/",
        f"/resultaten/aanbieders/?dienst={service.pk}",
        "/beheer/logboek/",
        f"/signalen/{signal.pk}/",
        "/coderen/?bron=signalen",
    )
    too_wide = []
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        for path in paths:
            page.goto(live_server.url + path)
            width, window = page.evaluate(
                "() => [document.documentElement.scrollWidth, window.innerWidth]"
            )
            if width > window:
                culprits = page.evaluate(
                    """() => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' +
                    Math.round(e.getBoundingClientRect().right))"""
                )
                too_wide.append(f"{path} at {window} px: {width - window} px too wide {culprits}")
        # The coding screen shows the newest uncoded signal: the one with the long string.
        expect(page.get_by_text("Begin xxxx", exact=False)).to_be_visible()
        assert_accessible(page)
    assert too_wide == []
