"""Improvement in a real browser: the public "jij zei, wij deden" page on a phone and a
desktop, and the Obeya board operated with the keyboard only. axe-core checks every page.

Labels are matched in Dutch or English: the app's Dutch catalogue may be merged later."""

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from gehoord.improvement import service
from gehoord.improvement.models import Status
from gehoord.improvement.tests.factories import make_action, make_goal
from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .test_respondent import press_tab_until_focused
from .test_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def either(*names: str) -> re.Pattern:
    return re.compile("^(" + "|".join(re.escape(n) for n in names) + ")")


@pytest.fixture
def published(org_a):
    for quarter, titles in (
        (1, ["Terugbelgarantie", "Brieven in eenvoudige taal"]),
        (2, ["Online afspraak maken"]),
    ):
        for title in titles:
            action = make_action(org_a, title, status=Status.DONE)
            service.publish_improvement(
                org_a,
                year=2026,
                quarter=quarter,
                action=action,
                you_said=f"U zei iets over {title.lower()}.",
                we_did=f"Wij deden iets aan {title.lower()}.",
            )
    hidden = make_action(org_a, "Nog geheim", status=Status.DONE)
    service.publish_improvement(
        org_a, year=2026, quarter=2, action=hidden, you_said="x", we_did="y", published=False
    )
    return org_a


@pytest.mark.parametrize("size", [(390, 844), (1280, 900)], ids=["phone", "desktop"])
def test_you_said_we_did_page_on_phone_and_desktop(page: Page, live_server, published, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{live_server.url}/o/{published.slug}/wij-deden/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Terugbelgarantie")).to_be_visible()
    expect(page.get_by_role("heading", level=2)).to_have_count(2)
    expect(page.get_by_text("Nog geheim")).to_have_count(0)
    # Nothing sticks out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_accessible(page)


def test_board_is_operated_with_the_keyboard_only(page: Page, live_server, make_member, org_a):
    from gehoord.framework import service as framework_service

    framework_service.install_defaults(org_a)
    make_goal(org_a, "overall_grade", target=7.5, deadline=date(2027, 12, 31))
    action = make_action(org_a, "Chat op de website", status=Status.PLANNED)
    make_action(org_a, "Wacht op budget", blocked=True, blocker="Geen budget", status=Status.IDEA)
    make_member(Role.TEAM_LEAD, org_a, username="teamleider@example.org")
    log_in(page, live_server.url, "teamleider@example.org")
    page.goto(live_server.url + "/verbeteren/bord/?wand=1")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("Geen budget").first).to_be_visible()
    assert_accessible(page)

    select = page.locator(f"#move-{action.pk}")
    press_tab_until_focused(page, select)
    page.keyboard.press("ArrowDown")  # planned → in progress
    expect(select).to_have_value(Status.IN_PROGRESS)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(
        page.locator("#col-in_progress")
        .locator("xpath=..")
        .get_by_role("link", name="Chat op de website")
    ).to_be_visible()
    action.refresh_from_db()
    assert action.status == Status.IN_PROGRESS
    assert "wand=1" in page.url  # the wall screen stays a wall screen
    expect(page.get_by_role("status")).to_be_visible()
    assert_accessible(page)
