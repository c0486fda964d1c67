"""An administrator limits a team lead to one team in Beheer; the lead then sees only that
team's improvement actions. axe-core checks the picker against WCAG 2.1 A and AA."""

import pytest
from model_bakery import baker
from playwright.sync_api import Page, expect

from gehoord.catalog.tests.factories import make_team
from gehoord.improvement.models import Action
from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .test_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_administrator_limits_a_lead_to_one_team(page: Page, live_server, make_member, org_a):
    alfa, bravo = make_team(org_a, "Alfa"), make_team(org_a, "Bravo")
    baker.make(Action, organisation=org_a, team=alfa, title="Actie van Alfa")
    baker.make(Action, organisation=org_a, team=bravo, title="Actie van Bravo")
    admin = make_member(Role.ADMINISTRATOR, org_a, username="beheer@example.org")
    lead = make_member(Role.TEAM_LEAD, org_a, username="lead@example.org")

    log_in(page, live_server.url, admin.username)
    page.goto(live_server.url + "/beheer/leden/")
    page.get_by_role("link", name="Teams kiezen").click()  # beside the only non-administrator
    expect(page.get_by_role("heading", name="Teams kiezen")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Alfa").check()
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("ziet nu alleen de teams Alfa")).to_be_visible()
    page.get_by_role("button", name="Uitloggen").click()

    log_in(page, live_server.url, lead.username)
    page.goto(live_server.url + "/verbeteren/")
    expect(page.get_by_text("Actie van Alfa")).to_be_visible()
    expect(page.get_by_text("Actie van Bravo")).to_have_count(0)
