"""The provider comparison in a real browser at 1366 and 360 px: the table sorts through
its column headings without any script, the providers' names stay in view while the
questions scroll, and neither this page nor the results overview is wider than the
window. axe-core checks every state against WCAG 2.1 A and AA."""

import pytest
from django.db.models import Count
from playwright.sync_api import Page, expect

from gehoord.catalog.models import Service
from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .test_home import DESKTOP, PHONE, assert_fits
from .test_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STICKY_LEFT = """() => {
  const region = document.querySelector('.table-scroll');
  const cell = document.querySelector('.provider-table tbody th.provider-table__name');
  const before = cell.getBoundingClientRect().left - region.getBoundingClientRect().left;
  region.scrollLeft = region.scrollWidth;
  const after = cell.getBoundingClientRect().left - region.getBoundingClientRect().left;
  const scrolled = region.scrollLeft;
  region.scrollLeft = 0;
  return [getComputedStyle(cell).position, Math.round(before), Math.round(after), scrolled];
}"""


@pytest.fixture
def analyst(make_member, demo_org):
    make_member(Role.ANALYST, demo_org, username="analist-tabel@example.org")
    return demo_org


def _service(organisation):
    return (
        Service.objects.filter(organisation=organisation)
        .annotate(providers_count=Count("providers"))
        .order_by("-providers_count", "pk")
        .first()
    )


def _names(page: Page) -> list[str]:
    return page.locator(".provider-table tbody:not(.provider-table__area) th").all_inner_texts()


def test_provider_table_sorts_and_keeps_the_names_in_view(page: Page, live_server, analyst):
    service = _service(analyst)
    page.set_viewport_size(DESKTOP)
    log_in(page, live_server.url, "analist-tabel@example.org")
    page.goto(f"{live_server.url}/resultaten/aanbieders/?dienst={service.pk}")
    table = page.get_by_role("table", name="Uitkomst per aanbieder en vraag, met het gebied")
    expect(table).to_be_visible()
    names = _names(page)
    assert len(names) >= 2 and names == sorted(names, key=str.casefold)
    expect(page.locator("th[aria-sort]")).to_have_count(1)
    expect(page.locator("th[aria-sort]")).to_have_attribute("aria-sort", "ascending")
    assert_fits(page)
    assert_accessible(page)

    # The name heading again: Z to A, by a plain link.
    page.locator("thead th").first.get_by_role("link").click()
    expect(page).to_have_url(
        f"{live_server.url}/resultaten/aanbieders/?dienst={service.pk}&sorteer=naam&richting=af"
    )
    assert _names(page) == names[::-1]
    expect(page.locator("th[aria-sort]")).to_have_attribute("aria-sort", "descending")

    # A question's heading: highest first, the heading says so.
    page.locator("thead th").nth(1).get_by_role("link").click()
    expect(page.locator("thead th").nth(1)).to_have_attribute("aria-sort", "descending")
    expect(page.locator("th[aria-sort]")).to_have_count(1)
    assert_fits(page)
    assert_accessible(page)

    position, before, after, scrolled = page.evaluate(STICKY_LEFT)
    assert position == "sticky"
    assert scrolled > 0, "the table should scroll inside its region at 1366 px"
    assert before == after == 0

    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/resultaten/aanbieders/?dienst={service.pk}")
    expect(table).to_be_visible()
    expect(page.locator("thead th").first).to_be_visible()  # still a table on a phone
    position, before, after, scrolled = page.evaluate(STICKY_LEFT)
    assert position == "sticky" and scrolled > 0 and before == after == 0
    assert_fits(page)
    assert_accessible(page)


def test_results_overview_fits_a_phone(page: Page, live_server, analyst):
    page.set_viewport_size(PHONE)
    log_in(page, live_server.url, "analist-tabel@example.org")
    page.goto(live_server.url + "/resultaten/")
    expect(page.get_by_role("heading", name="Kerncijfers")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert_fits(page)
    # The trend's table alternative, opened, fits as well.
    page.get_by_text("Tonen als tabel").first.click()
    expect(page.get_by_role("table", name="Rapportcijfer per maand")).to_be_visible()
    assert_fits(page)
    assert_accessible(page)
