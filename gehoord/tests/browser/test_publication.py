"""The public provider results on a phone and a desktop, and the provider portal: usable
and accessible (axe-core, WCAG 2.1 A and AA)."""

import re

import pytest
from playwright.sync_api import Page, expect

from gehoord.conftest import PASSWORD
from gehoord.publication import query
from gehoord.tenancy.models import Membership
from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .test_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def voorbeeld(demo_org):
    return demo_org


@pytest.mark.parametrize("size", [(390, 844), (1280, 900)], ids=["phone", "desktop"])
def test_public_provider_page_on_phone_and_desktop(page: Page, live_server, voorbeeld, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    page.goto(f"{live_server.url}/o/{voorbeeld.slug}/resultaten/")
    service = query.published_services(voorbeeld)[0]
    page.get_by_role("link", name=service.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(service.name)
    expect(page.locator("table caption")).to_be_visible()
    provider = query.public_results(voorbeeld, service).providers[0]
    expect(page.get_by_role("rowheader", name=provider.name)).to_be_visible()
    assert_accessible(page)
    # Sorting by grade is a plain link: it works without JavaScript, from the keyboard.
    page.locator(".sort-links a").nth(1).focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"sorteer=cijfer"))
    assert_accessible(page)
    # The embeddable variant has no header or footer and is accessible on its own.
    page.goto(page.url + "&insluiten=1")
    expect(page.locator(".site-header")).to_have_count(0)
    assert_accessible(page)
    # Nothing overflows the phone's width.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= size[0] + 1


def test_provider_portal_is_accessible(page: Page, live_server, voorbeeld):
    membership = Membership.objects.select_related("user", "provider_access__provider").get(
        organisation=voorbeeld, role=Role.PROVIDER_USER
    )
    membership.user.set_password(PASSWORD)
    membership.user.save()
    log_in(page, live_server.url, membership.user.username)
    page.goto(live_server.url + "/portaal/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        membership.provider_access.provider.name
    )
    expect(page.locator("table caption").first).to_be_visible()
    assert_accessible(page)


def test_accessibility_statements_are_accessible(page: Page, live_server, voorbeeld):
    page.goto(f"{live_server.url}/o/{voorbeeld.slug}/toegankelijkheid/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Toegankelijkheidsverklaring")
    expect(page.get_by_text("B: voldoet gedeeltelijk")).to_be_visible()
    details = page.locator("summary", has_text="Pagina's die zijn gecontroleerd")
    if details.count():  # the recorded axe-core summary is there: open its table too
        details.click()
    assert_accessible(page)
    page.goto(f"{live_server.url}/toegankelijkheid/")
    page.get_by_role("link", name=voorbeeld.name).click()
    expect(page).to_have_url(re.compile(r"/toegankelijkheid/$"))
    assert_accessible(page)
