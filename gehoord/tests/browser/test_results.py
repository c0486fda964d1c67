"""An analyst reads the results in a real browser: key figures, the trend as a table, a
provider filter, the provider comparison and the key-driver matrix. axe-core checks every
page against WCAG 2.1 A and AA."""

import pytest
from playwright.sync_api import Page, expect

from gehoord.catalog.models import Provider
from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .test_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def analyst(make_member, demo_org):
    organisation = demo_org
    make_member(Role.ANALYST, organisation, username="analist@example.org")
    return organisation


def test_results_pages_are_usable_and_accessible(page: Page, live_server, analyst):
    log_in(page, live_server.url, "analist@example.org")
    page.get_by_role("link", name="Resultaten").first.click()
    expect(page.get_by_role("heading", name="Kerncijfers")).to_be_visible()
    expect(page.get_by_role("heading", name="Rapportcijfer", exact=True)).to_be_visible()
    assert_accessible(page)

    # The chart's table alternative opens from the keyboard.
    trend = page.get_by_role("region", name="Rapportcijfer per maand")
    trend.get_by_text("Tonen als tabel").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("table", name="Rapportcijfer per maand")).to_be_visible()

    provider = Provider.objects.filter(organisation=analyst).order_by("name").first()
    page.get_by_label("Aanbieder").select_option(label=provider.name)
    page.get_by_role("button", name="Tonen").first.click()
    expect(page.get_by_label("Aanbieder")).to_have_value(str(provider.pk))
    assert_accessible(page)

    page.get_by_role("link", name="Aanbieders", exact=True).click()
    expect(page.get_by_role("heading", name="Aanbieders vergeleken met het gebied")).to_be_visible()
    assert_accessible(page)

    page.goto(live_server.url + "/resultaten/drijfveren/")
    expect(page.get_by_role("table", name="Drijfveren")).to_be_visible()
    expect(page.get_by_text("Eerst verbeteren:")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Benchmark").click()
    expect(page.get_by_role("heading", name="Vergeleken met andere organisaties")).to_be_visible()
    assert_accessible(page)
