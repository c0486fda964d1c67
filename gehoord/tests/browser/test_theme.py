"""Resident pages wear the organisation's NL Design System theme and stay accessible in
each shipped theme (axe-core, WCAG 2.1 A and AA)."""

import pytest
from playwright.sync_api import Page, expect

from gehoord.theming import look, service
from gehoord.theming.catalogue import SHIPPED

from .axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_feedback_form_wears_each_theme_and_stays_accessible(browser, live_server, org_a):
    # One test for all themes: a live-server test flushes the database afterwards.
    for key in sorted(SHIPPED):
        theme = service.choose_shipped_theme(org_a, key)
        expected = look.values_of(look.properties_of(theme))
        # Browsers may keep the stylesheet five minutes: a fresh browser context per theme.
        context = browser.new_context()
        page: Page = context.new_page()
        page.goto(f"{live_server.url}/o/{org_a.slug}/feedback/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        header = page.locator(".site-header")
        background = header.evaluate("element => getComputedStyle(element).backgroundColor")
        primary = expected["--gehoord-color-primary"].lstrip("#")
        red, green, blue = (int(primary[i : i + 2], 16) for i in (0, 2, 4))
        assert background == f"rgb({red}, {green}, {blue})", key
        assert_accessible(page)
        context.close()
