"""Settings and API key screens: validation, the audit log, revoke, scopes, permissions."""

import json

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gehoord.tenancy import service
from gehoord.tenancy.models import ApiKey, ApiScope
from gehoord.tenancy.roles import Role
from gehoord.tenancy.size_class import SizeClass

pytestmark = pytest.mark.django_db


def settings_data(org, **changes):
    data = {
        "name": org.name,
        "inhabitants": org.inhabitants,
        "minimum_n": org.minimum_n,
        "quarantine_days": org.quarantine_days,
        "retention_days_followups": org.retention_days_followups,
        "retention_days_contacts": org.retention_days_contacts,
        "retention_days_open_answers": org.retention_days_open_answers,
        "languages": ["nl", "en"],
    }
    data.update(changes)
    return data


def test_settings_are_saved_and_logged(client_a, org_a):
    url = reverse("tenancy:settings")
    page = client_a.get(url).content.decode()
    assert "Een cijfer op basis van minder antwoorden ziet niemand" in page
    response = client_a.post(
        url,
        settings_data(org_a, minimum_n=15, inhabitants=18_000, named_in_benchmarks="on"),
    )
    assert response.status_code == 302
    org_a.refresh_from_db()
    assert org_a.minimum_n == 15 and org_a.named_in_benchmarks
    assert org_a.size_class == SizeClass.UNDER_20K
    log = client_a.get(reverse("tenancy:audit_log")).content.decode()
    assert "10 → 15" in log and "120000 → 18000" in log


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"minimum_n": 2}, "Zorg ervoor dat deze waarde minstens 5 is."),
        ({"quarantine_days": 9999}, "Zorg ervoor dat deze waarde hoogstens 730 is."),
        ({"retention_days_contacts": "veel"}, "Voer een geheel getal in."),
        ({"languages": ["en"]}, "Nederlands moet aan blijven"),
        ({"inhabitants": -1}, "Zorg ervoor dat deze waarde minstens 0 is."),
        ({"name": "Gemeente Bravo"}, "bestaat al"),
    ],
)
def test_settings_validation_gives_clear_messages(client_a, org_a, org_b, changes, message):
    before = {f.attname: getattr(org_a, f.attname) for f in org_a._meta.concrete_fields}
    response = client_a.post(reverse("tenancy:settings"), settings_data(org_a, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    org_a.refresh_from_db()
    assert {f.attname: getattr(org_a, f.attname) for f in org_a._meta.concrete_fields} == before


def test_api_key_shown_once_listed_with_last_use_and_revoked(client_a, client, org_a):
    response = client_a.post(
        reverse("tenancy:api_key_create"),
        {"name": "zaaksysteem", "scopes": [ApiScope.EVENTS]},
    )
    assert response.status_code == 200 and response["Cache-Control"] == "no-store"
    secret = response.context["secret"]
    assert secret in response.content.decode()
    key = ApiKey.objects.get(organisation=org_a)
    assert key.scopes == ["events"] and secret not in key.key_hash

    events = {"service": "onbekend", "kind": "completed", "date": "2026-11-29", "contact": {}}
    used = client.post(
        "/api/v1/events",
        data=json.dumps(events),
        content_type="application/json",
        headers={"X-API-Key": secret},
    )
    assert used.status_code == 422  # authenticated; the service code is unknown
    listing = client_a.get(reverse("tenancy:api_keys")).content.decode()
    assert "zaaksysteem" in listing and "Gebeurtenissen sturen" in listing
    assert secret not in listing and "nooit" not in listing  # last use is shown

    # A key may only do what it was made for.
    figures = client.get("/api/v1/figures", headers={"X-API-Key": secret})
    assert figures.status_code == 403

    assert client_a.post(reverse("tenancy:api_key_revoke", args=[key.pk])).status_code == 302
    key.refresh_from_db()
    assert key.is_revoked
    refused = client.post(
        "/api/v1/events",
        data=json.dumps(events),
        content_type="application/json",
        headers={"X-API-Key": secret},
    )
    assert refused.status_code == 401
    assert "Ingetrokken op" in client_a.get(reverse("tenancy:api_keys")).content.decode()
    log = client_a.get(reverse("tenancy:audit_log")).content.decode()
    assert "API-sleutel: zaaksysteem" in log and key.key_hash not in log


def test_api_key_needs_a_name_and_a_scope(client_a, org_a):
    page = client_a.post(reverse("tenancy:api_key_create"), {"name": ""}).content.decode()
    assert "Kies minstens één ding dat de sleutel mag." in page
    assert "Dit veld is verplicht." in page
    assert not ApiKey.objects.exists()


def test_api_key_list_query_count_does_not_grow(client_a, org_a):
    url = reverse("tenancy:api_keys")
    for i in range(2):
        service.create_api_key(org_a, f"systeem {i}")
    with CaptureQueriesContext(connection) as few:
        assert client_a.get(url).status_code == 200
    for i in range(2, 30):
        service.create_api_key(org_a, f"systeem {i}")
    with CaptureQueriesContext(connection) as many:
        page = client_a.get(url)
    assert len(many) == len(few)
    assert len(page.context["keys"]) == 25  # paginated


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_settings_and_keys_are_for_administrators_only(client, make_member, org_a, role):
    key, _secret = service.create_api_key(org_a, "zaaksysteem")
    client.force_login(make_member(role, org_a))
    for url in (
        reverse("tenancy:settings"),
        reverse("tenancy:api_keys"),
        reverse("tenancy:api_key_create"),
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("tenancy:api_key_revoke", args=[key.pk])).status_code == 403
    key.refresh_from_db()
    assert not key.is_revoked


def test_key_of_another_organisation_is_not_found(client_a, org_b):
    key, _secret = service.create_api_key(org_b, "elders")
    assert client_a.post(reverse("tenancy:api_key_revoke", args=[key.pk])).status_code == 404
    key.refresh_from_db()
    assert not key.is_revoked
    assert not LogEntry.objects.filter(object_pk=str(key.pk), action=LogEntry.Action.UPDATE)
