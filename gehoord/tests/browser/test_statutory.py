"""The statutory survey screens on the demo: the closed Wmo year with weighted figures and
its representativeness panel, its population numbers, next year's sample preview and the
public annual report; all accessible (axe-core, WCAG 2.1 A and AA). One test: each page
is loaded once."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from gehoord.conftest import PASSWORD
from gehoord.demo.statutory_step import survey_year
from gehoord.statutory import query
from gehoord.tenancy.models import Membership
from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .test_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_statutory_pages_are_accessible(page: Page, live_server, demo_org):
    membership = (
        Membership.objects.select_related("user")
        .filter(organisation=demo_org, role=Role.ADMINISTRATOR)
        .first()
    )
    membership.user.set_password(PASSWORD)
    membership.user.save()
    # The demo plants this year's survey (closed, with margins) and next year's sample plan.
    this_year = survey_year(timezone.localdate())
    closed = query.plans(demo_org).get(law="wmo", year=this_year)
    following = query.plans(demo_org).get(law="wmo", year=this_year + 1)
    log_in(page, live_server.url, membership.user.username)

    page.goto(f"{live_server.url}/wettelijk-onderzoek/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/wettelijk-onderzoek/{closed.pk}/")
    expect(page.get_by_test_id("weighting-statement")).to_contain_text("gewogen")
    expect(page.get_by_test_id("under-represented")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Toon zoals geantwoord (ongewogen)").click()
    expect(page.get_by_test_id("weighting-statement")).to_contain_text("niet gewogen")

    page.goto(f"{live_server.url}/wettelijk-onderzoek/{closed.pk}/populatie/")
    expect(page.get_by_label("Leeftijdsgroep")).to_contain_text("80+")
    assert_accessible(page)

    page.goto(f"{live_server.url}/wettelijk-onderzoek/{following.pk}/")
    page.get_by_role("link", name=f"Wmo {this_year + 1}", exact=False).first.click()
    expect(page.get_by_test_id("seed")).to_have_text(str(this_year + 1))
    expect(page.get_by_role("table")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/o/{demo_org.slug}/wettelijk-onderzoek/wmo/{this_year}/")
    expect(page.get_by_test_id("weighting-statement")).to_contain_text("gewogen")
    assert_accessible(page)
