"""Single sign-on in a real browser against a real OpenID Connect provider (issue 15).

Chromium opens gehoord's log-in page, chooses "Log in with …", is sent to the identity
provider on 127.0.0.1 (authorization code with PKCE), comes back to the call-back and is
logged in with the role the provider's groups give. A refused e-mail domain ends on the
log-in page with a Dutch message. axe-core checks the log-in page with the button.
"""

import re

import pytest
from playwright.sync_api import Page, expect

from gehoord.sso.tests.factories import OidcTestProvider, make_oidc_provider
from gehoord.tenancy.models import Membership
from gehoord.tenancy.roles import Role

from .axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def identity_provider():
    server = OidcTestProvider().start()
    yield server
    server.stop()


def test_staff_log_in_with_their_work_account(page: Page, live_server, org_a, identity_provider):
    identity_provider.user["groups"] = ["klantbeleving-beheer"]
    make_oidc_provider(org_a, identity_provider)
    page.goto(f"{live_server.url}/inloggen/")
    button = page.get_by_role("link", name="Inloggen met Zuiderstad Account")
    expect(button).to_be_visible()
    assert_accessible(page)
    button.click()
    expect(page).to_have_url(f"{live_server.url}/")
    membership = Membership.objects.get(user__email="j.jansen@zuiderstad.example")
    assert (membership.organisation, membership.role) == (org_a, Role.ADMINISTRATOR)
    # An administrator: the single sign-on screen is among the administration's tabs.
    page.goto(f"{live_server.url}/beheer/sso/")
    expect(page.get_by_role("heading", name="Single sign-on")).to_be_visible()
    expect(page.get_by_text(f"{live_server.url}/inloggen/sso-terug/")).to_be_visible()


def test_refused_domain_is_told_on_the_log_in_page(
    page: Page, live_server, org_a, identity_provider
):
    identity_provider.user["email"] = "iemand@elders.example"
    make_oidc_provider(org_a, identity_provider)
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_role("link", name="Inloggen met Zuiderstad Account").click()
    expect(page).to_have_url(re.compile(r"/inloggen/$"))
    expect(page.get_by_role("status")).to_contain_text(
        "Uw e-mailadres mag niet gebruikt worden om in te loggen met Zuiderstad Account"
    )
    assert not Membership.objects.filter(organisation=org_a).exists()
