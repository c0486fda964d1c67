"""Passkeys (WebAuthn) next to the app: which ceremonies the password alone may start, the
relying party and origin taken from the host, failures in the audit log, the verification
page, and an administrator's reset. The real ceremony with an authenticator runs in
Chromium (browser/test_passkeys.py)."""

import json

import pytest
from auditlog.models import LogEntry
from django.test import RequestFactory
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from model_bakery import baker

from gehoord.conftest import PASSWORD
from gehoord.tenancy import passkeys
from gehoord.tenancy.roles import Role

LOGIN = reverse("login")
VERIFY = reverse("tenancy:two_factor_verify")
REGISTER_BEGIN = reverse("otp_webauthn:credential-registration-begin")
REGISTER_COMPLETE = reverse("otp_webauthn:credential-registration-complete")
AUTH_BEGIN = reverse("otp_webauthn:credential-authentication-begin")
AUTH_COMPLETE = reverse("otp_webauthn:credential-authentication-complete")
DONE = reverse("tenancy:two_factor_passkey_done")


@pytest.fixture
def analyst(make_member, org_a):
    return make_member(Role.ANALYST, org_a)


def log_in(client, user):
    client.post(LOGIN, {"username": user.username, "password": PASSWORD})


def passkey_for(user) -> WebAuthnCredential:
    return baker.make(WebAuthnCredential, user=user, confirmed=True, name="passkey")


def passkey_entries():
    """(kind, result) of the audit entries of passkey steps; the method is in `changes`."""
    return [
        (e.additional_data["kind"], e.additional_data["result"])
        for e in LogEntry.objects.order_by("pk")
        if (e.changes or {}).get("method") == ["None", "passkey"]
    ]


def test_relying_party_and_origin_come_from_the_host(settings):
    settings.ALLOWED_HOSTS = ["gehoord.example.nl", "localhost"]
    request = RequestFactory().get("/", HTTP_HOST="gehoord.example.nl:8443", secure=True)
    assert passkeys.relying_party_id(request) == "gehoord.example.nl"
    assert passkeys.PasskeyHelper(request).get_allowed_origins() == [
        "https://gehoord.example.nl:8443"
    ]
    assert passkeys.relying_party_id(RequestFactory().get("/", HTTP_HOST="localhost")) == (
        "localhost"
    )


def test_a_first_passkey_can_be_set_up_after_the_password(unverified_client, analyst):
    log_in(unverified_client, analyst)
    response = unverified_client.post(REGISTER_BEGIN)
    assert response.status_code == 200
    options = response.json()
    assert options["rp"] == {"name": "gehoord", "id": "testserver"}
    assert options["challenge"]


def test_the_password_alone_cannot_add_a_passkey_to_an_account_with_an_app(
    unverified_client, analyst
):
    TOTPDevice.objects.create(user=analyst, name="app", confirmed=True)
    log_in(unverified_client, analyst)
    response = unverified_client.post(REGISTER_BEGIN)
    assert response.status_code == 403
    assert response.json()["code"] == "user_not_verified"


def test_ceremonies_need_a_log_in_and_never_log_in_without_the_password(unverified_client, db):
    for url in (REGISTER_BEGIN, AUTH_BEGIN, AUTH_COMPLETE, DONE):
        response = unverified_client.post(url)
        assert response.status_code == 302 and response["Location"].startswith(LOGIN), url


def test_a_failed_passkey_is_refused_and_logged(unverified_client, analyst):
    passkey_for(analyst)
    log_in(unverified_client, analyst)
    page = unverified_client.get(VERIFY)
    assert "passkey-verification-button" in page.content.decode()
    begun = unverified_client.post(AUTH_BEGIN)
    assert begun.status_code == 200
    forged = {"id": "AAAA", "rawId": "AAAA", "type": "public-key", "response": {}}
    response = unverified_client.post(
        AUTH_COMPLETE, json.dumps(forged), content_type="application/json"
    )
    assert response.status_code >= 400
    assert passkey_entries() == [("two_factor", "failure")]
    # Still not through the second step.
    assert unverified_client.get(reverse("home"))["Location"].startswith(VERIFY)


def test_backup_codes_after_a_passkey_only_once_verified(unverified_client, analyst):
    passkey_for(analyst)
    log_in(unverified_client, analyst)
    assert unverified_client.post(DONE)["Location"].startswith(VERIFY)
    assert not analyst.staticdevice_set.exists()


def test_the_verification_page_offers_only_what_the_member_has(unverified_client, analyst):
    TOTPDevice.objects.create(user=analyst, name="app", confirmed=True)
    log_in(unverified_client, analyst)
    page = unverified_client.get(VERIFY).content.decode()
    assert "passkey-verification-button" not in page
    assert "otp_webauthn_auth.js" not in page
    passkey_for(analyst)
    page = unverified_client.get(VERIFY).content.decode()
    assert "passkey-verification-button" in page and "otp_webauthn_auth.js" in page


def test_a_reset_removes_the_passkeys_too(client_a, analyst):
    passkey_for(analyst)
    membership = analyst.memberships.get()
    client_a.post(reverse("tenancy:member_reset_two_factor", args=[membership.pk]))
    assert not WebAuthnCredential.objects.filter(user=analyst).exists()
    assert LogEntry.objects.filter(additional_data__kind="two_factor_reset").count() == 1
