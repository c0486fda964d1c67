"""Reads in the audit log: each opened contact, follow-up with contact details, export
download and log-in is one ACCESS entry, with who, what (type and id), result and
address, and no personal data."""

import json

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.urls import reverse

from gehoord.conftest import PASSWORD
from gehoord.contacts.tests.factories import make_contact
from gehoord.feedback.tests.factories import make_follow_up
from gehoord.insights.tests.factories import make_export_job

ANNA = {"name": "Anna de Jong", "email": "anna@example.org", "mobile": "+31612345678"}


def reads(kind: str):
    return LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, additional_data__kind=kind
    ).order_by("pk")


def row_text(entry: LogEntry) -> str:
    """Every stored column of the entry, as text."""
    values = LogEntry.objects.filter(pk=entry.pk).values().get()
    return json.dumps(values, default=str)


@pytest.fixture
def proxied(settings):
    settings.GEHOORD_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.GEHOORD_TRUSTED_PROXY_COUNT = 1


def test_opening_a_contact_is_one_entry(client_a, admin_a, org_a):
    contact = make_contact(org_a, **ANNA)
    before = reads("contact").count()
    response = client_a.get(reverse("contacts:contact_detail", args=[contact.pk]))
    assert response.status_code == 200
    assert reads("contact").count() == before + 1
    entry = reads("contact").last()
    assert entry.actor == admin_a
    assert (entry.content_type.model, entry.object_pk) == ("contact", str(contact.pk))
    assert entry.additional_data == {
        "organisation_id": org_a.pk,
        "kind": "contact",
        "result": "success",
    }
    # Without a trusted proxy the connection's own address counts, not the header.
    assert entry.remote_addr == "127.0.0.1"
    text = row_text(entry)
    for personal in ("Anna", "anna@example.org", "612345678"):
        assert personal not in text


def test_behind_a_trusted_proxy_the_clients_address_is_recorded(client_a, org_a, proxied):
    contact = make_contact(org_a, **ANNA)
    client_a.get(
        reverse("contacts:contact_detail", args=[contact.pk]),
        HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.9",
    )
    assert reads("contact").get().remote_addr == "203.0.113.9"


def test_a_header_without_a_trusted_proxy_is_ignored(client_a, org_a):
    contact = make_contact(org_a, **ANNA)
    client_a.get(
        reverse("contacts:contact_detail", args=[contact.pk]),
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert reads("contact").get().remote_addr == "127.0.0.1"


def test_another_organisations_contact_writes_no_read(client_a, org_b):
    contact = make_contact(org_b, **ANNA)
    assert client_a.get(reverse("contacts:contact_detail", args=[contact.pk])).status_code == 404
    assert not reads("contact").exists()


def test_opening_a_follow_up_with_contact_details_is_one_entry(client_a, admin_a, org_a):
    follow_up = make_follow_up(
        org_a, contact_name="Anna de Jong", contact_phone="0612345678", consent_at=None
    )
    response = client_a.get(reverse("feedback:followup_detail", args=[follow_up.pk]))
    assert response.status_code == 200
    entry = reads("follow_up").get()
    assert entry.actor == admin_a
    assert (entry.content_type.model, entry.object_pk) == ("followup", str(follow_up.pk))
    assert entry.additional_data["result"] == "success"
    assert entry.remote_addr == "127.0.0.1"
    assert "Anna" not in row_text(entry) and "0612345678" not in row_text(entry)


def test_a_follow_up_without_contact_details_is_no_read_of_personal_data(client_a, org_a):
    follow_up = make_follow_up(org_a)
    assert client_a.get(reverse("feedback:followup_detail", args=[follow_up.pk])).status_code == 200
    assert not reads("follow_up").exists()


@pytest.mark.parametrize("file_format", ["json", "pdf"])
def test_a_subject_access_download_is_one_entry(client_a, admin_a, org_a, proxied, file_format):
    contact = make_contact(org_a, **ANNA)
    url = reverse(f"contacts:subject_access_{file_format}", args=[contact.pk])
    response = client_a.get(url, HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert response.status_code == 200
    entry = reads("subject_access_export").get()
    assert entry.actor == admin_a
    assert (entry.content_type.model, entry.object_pk) == ("contact", str(contact.pk))
    assert entry.changes_dict == {"format": ["None", file_format]}
    assert entry.additional_data["result"] == "success"
    assert entry.remote_addr == "203.0.113.5"
    assert "Anna" not in row_text(entry) and "anna@example.org" not in row_text(entry)


def test_an_export_download_is_one_entry(client_a, admin_a, org_a):
    job = make_export_job(org_a, kind="responses", content=b"a;b\r\n", filename="antwoorden.csv")
    response = client_a.get(reverse("insights:export_download", args=[job.pk]))
    assert response.status_code == 200
    entry = reads("export").get()
    assert entry.actor == admin_a
    assert (entry.content_type.model, entry.object_pk) == ("exportjob", str(job.pk))
    assert entry.changes_dict == {"kind": ["None", "responses"], "format": ["None", "csv"]}
    assert entry.additional_data == {
        "organisation_id": org_a.pk,
        "kind": "export",
        "result": "success",
    }
    assert entry.remote_addr == "127.0.0.1"


def log_in(client, username, password, **headers):
    return client.post(reverse("login"), {"username": username, "password": password}, **headers)


def test_a_log_in_is_one_entry_of_the_active_organisation(client, admin_a, org_a):
    assert log_in(client, admin_a.username, PASSWORD).status_code == 302
    entry = reads("login").get()
    assert entry.actor == admin_a
    assert (entry.content_type.model, entry.object_pk) == ("user", str(admin_a.pk))
    assert entry.additional_data == {
        "organisation_id": org_a.pk,
        "kind": "login",
        "result": "success",
    }
    assert entry.remote_addr == "127.0.0.1"


def test_a_wrong_password_of_an_account_is_a_failure_with_that_account(
    client, admin_a, org_a, proxied
):
    log_in(client, admin_a.username, "fout", HTTP_X_FORWARDED_FOR="203.0.113.7")
    entry = reads("login").get()
    assert entry.actor == admin_a
    assert entry.additional_data["result"] == "failure"
    assert entry.additional_data["organisation_id"] == org_a.pk
    assert entry.remote_addr == "203.0.113.7"
    assert "fout" not in row_text(entry)


def test_an_unknown_user_name_is_a_failure_without_that_name(client, admin_a):
    typed = "raadsel-gok@example.org"
    assert not get_user_model().objects.filter(username=typed).exists()
    log_in(client, typed, "geheim")
    entry = reads("login").get()
    assert entry.actor is None and entry.object_pk == ""
    assert entry.additional_data == {"organisation_id": None, "kind": "login", "result": "failure"}
    text = row_text(entry)
    assert "raadsel" not in text and "geheim" not in text


def test_a_log_in_during_a_lock_out_is_refused(client, admin_a, settings):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        log_in(client, admin_a.username, "fout")
    assert log_in(client, admin_a.username, PASSWORD).status_code == 429
    results = [e.additional_data["result"] for e in reads("login")]
    assert results == ["failure", "failure", "refused"]
