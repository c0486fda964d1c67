"""The webhook screens in a real browser, checked by axe-core (issue 20): a subscription
to a real local receiver is made, its secret shown once, and a test event lands in the
delivery log."""

import pytest
from playwright.sync_api import Page, expect

from gehoord.tenancy.roles import Role
from gehoord.webhooks.tests.factories import Receiver

from .axe import assert_accessible
from .test_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_subscribe_and_read_the_delivery_log(page: Page, live_server, make_member, org_a):
    receiver = Receiver().start()
    try:
        make_member(Role.ADMINISTRATOR, org_a, username="beheer@example.org")
        log_in(page, live_server.url, "beheer@example.org")
        page.goto(live_server.url + "/beheer/webhooks/")
        expect(page.get_by_role("heading", level=1, name="Webhooks")).to_be_visible()
        assert_accessible(page)
        page.get_by_role("link", name="Nieuw abonnement").click()
        page.locator("#id_url").fill(receiver.url)
        page.get_by_label("Een export is klaar").check()
        page.get_by_label("intern adres toestaan").check()
        assert_accessible(page)
        page.get_by_role("button", name="Opslaan").click()
        expect(page.get_by_role("heading", name="Ondertekengeheim")).to_be_visible()
        assert page.locator("#webhook-secret").input_value().startswith("whsec_")
        assert_accessible(page)
        page.get_by_role("link", name="Ik heb het geheim gekopieerd").click()
        page.get_by_role("button", name="Stuur een testgebeurtenis").click()
        expect(page.get_by_text("nl.gehoord.webhook.test")).to_be_visible()
        assert_accessible(page)
    finally:
        receiver.stop()
