"""A passkey as the second step in a real browser: Chromium's virtual authenticator (the
DevTools protocol's WebAuthn domain) stands in for a phone or security key. Set up after
the password, backup codes shown, then a new log-in with the passkey; axe-core checks the
pages, the CSP stays strict (the library's scripts come from /static/)."""

import pytest
from auditlog.models import LogEntry
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import Page, expect

from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .test_second_factor import submit_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def add_virtual_authenticator(page: Page) -> None:
    """A platform authenticator that always has the user present and verified."""
    session = page.context.new_cdp_session(page)
    session.send("WebAuthn.enable", {"enableUI": False})
    session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def test_set_up_a_passkey_then_log_in_with_it(page: Page, live_server, make_member, org_a):
    refused_by_csp: list[str] = []
    page.on(
        "console",
        lambda m: "Content Security Policy" in m.text and refused_by_csp.append(m.text),
    )
    add_virtual_authenticator(page)
    analyst = make_member(Role.ANALYST, org_a, username="analist@alfa.example.org")
    submit_password(page, live_server.url, analyst.username)
    expect(page.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()
    expect(page.get_by_role("button", name="Passkey instellen")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Passkey instellen").click()
    expect(page.get_by_role("heading", name="Uw reservecodes")).to_be_visible()
    assert len(page.locator(".backup-codes code").all_inner_texts()) == 10
    assert_accessible(page)
    assert WebAuthnCredential.objects.filter(user=analyst, confirmed=True).count() == 1
    page.get_by_role("link", name="Ik heb de codes bewaard").click()
    expect(page.get_by_text(f"U werkt in {org_a.name}")).to_be_visible()

    page.get_by_role("button", name="Uitloggen").click()
    submit_password(page, live_server.url, analyst.username)
    expect(page.get_by_role("heading", name="Tweestapsverificatie", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Passkey gebruiken")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Passkey gebruiken").click()
    expect(page.get_by_text(f"U werkt in {org_a.name}")).to_be_visible()

    kinds = [
        (e.additional_data["kind"], e.additional_data["result"])
        for e in LogEntry.objects.order_by("pk")
        if (e.changes or {}).get("method") == ["None", "passkey"]
    ]
    assert kinds == [("two_factor_enrolment", "success"), ("two_factor", "success")]
    assert refused_by_csp == []
