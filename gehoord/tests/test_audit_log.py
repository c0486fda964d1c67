"""The audit log screen: filters, pages, the CSV export, and no way to change an entry."""

import csv
import io
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gehoord.catalog.models import Service
from gehoord.catalog.tests.factories import make_service
from gehoord.contacts.tests.factories import make_contact
from gehoord.tenancy.roles import Role

URL = reverse("tenancy:audit_log")
CSV_URL = reverse("tenancy:audit_log_csv")
ANNA = {"name": "Anna de Jong", "email": "anna@example.org", "mobile": "+31612345678"}


@pytest.fixture
def world(client_a, admin_a, make_member, org_a):
    """In A: a service created (by the system), a contact created and opened by the
    administrator, and a log-in of an analyst, ten days earlier."""
    make_service(org_a, "Paspoort")
    contact = make_contact(org_a, **ANNA)
    client_a.get(reverse("contacts:contact_detail", args=[contact.pk]))
    analyst = make_member(Role.ANALYST, org_a, username="analist@example.org")
    other = type(client_a)()
    other.force_login(analyst)
    login = LogEntry.objects.get(actor=analyst, additional_data__kind="login")
    LogEntry.objects.filter(pk=login.pk).update(timestamp=timezone.now() - timedelta(days=10))
    return {"contact": contact, "analyst": analyst, "login": login}


def shown(response) -> list[int]:
    return [entry.pk for entry in response.context["entries"]]


def csv_rows(response) -> list[dict]:
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))


def test_actions_filter(client_a, world):
    read = client_a.get(URL, {"action": "read"})
    assert [LogEntry.objects.get(pk=pk).additional_data["kind"] for pk in shown(read)] == [
        "contact"
    ]
    logins = client_a.get(URL, {"action": "login"})
    assert world["login"].pk in shown(logins)
    assert all(
        LogEntry.objects.get(pk=pk).additional_data["kind"] == "login" for pk in shown(logins)
    )
    created = client_a.get(URL, {"action": "created"})
    assert shown(created) and all(
        LogEntry.objects.get(pk=pk).action == LogEntry.Action.CREATE for pk in shown(created)
    )


def test_actor_filter(client_a, world):
    response = client_a.get(URL, {"actor": world["analyst"].pk})
    assert shown(response) == [world["login"].pk]


def test_object_type_filter(client_a, world):
    contact_type = LogEntry.objects.filter(object_pk=str(world["contact"].pk)).first()
    response = client_a.get(URL, {"object_type": contact_type.content_type_id})
    entries = LogEntry.objects.filter(pk__in=shown(response))
    assert {e.content_type.model for e in entries} == {"contact"}
    assert {e.action for e in entries} == {LogEntry.Action.CREATE, LogEntry.Action.ACCESS}


def test_period_filter(client_a, world):
    today = timezone.localdate()
    earlier = (today - timedelta(days=10)).isoformat()
    only_then = client_a.get(URL, {"date_from": earlier, "date_to": earlier})
    assert shown(only_then) == [world["login"].pk]
    since_yesterday = client_a.get(URL, {"date_from": (today - timedelta(days=1)).isoformat()})
    assert world["login"].pk not in shown(since_yesterday) and shown(since_yesterday)


def test_a_period_that_ends_before_it_starts_gets_a_dutch_message(client_a, world):
    response = client_a.get(URL, {"date_from": "2026-11-20", "date_to": "2026-11-10"})
    assert response.status_code == 200
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()
    bad = client_a.get(URL, {"date_from": "gisteren"})
    assert bad.status_code == 200 and "Voer een geldige datum in." in bad.content.decode()
    assert (
        client_a.get(CSV_URL, {"date_from": "2026-11-20", "date_to": "2026-11-10"}).status_code
        == 400
    )


def test_pages_keep_the_filters_and_queries_do_not_grow(client_a, org_a, world):
    def queries(params) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client_a.get(URL, params).status_code == 200
        return len(captured)

    services = {"action": "created", "object_type": ContentType.objects.get_for_model(Service).pk}
    few = queries(services)
    for number in range(60):
        make_service(org_a, f"Dienst {number}")
    many = queries(services)
    # Session, user, memberships, actors and kinds for the filter, count, page, and one
    # query per model the changes point to: the same for 1 entry or 50.
    assert many == few <= 10
    page = client_a.get(URL, services)
    assert page.context["paginator"].num_pages == 2
    assert "action=created&amp;object_type=" in page.content.decode()
    assert len(client_a.get(URL, {**services, "page": 2}).context["entries"]) == 11


def test_csv_holds_the_filtered_rows_without_personal_data(client_a, admin_a, world):
    response = client_a.get(CSV_URL, {"action": "read"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert rows == [
        {
            "timestamp": rows[0]["timestamp"],
            "actor_id": str(admin_a.pk),
            "action": "access",
            "kind": "contact",
            "result": "success",
            "object_type": "contacts.contact",
            "object_id": str(world["contact"].pk),
            "address": "127.0.0.1",
        }
    ]
    everything = client_a.get(CSV_URL).content.decode()
    for personal in ("Anna", "anna@example.org", "612345678", "analist@example.org"):
        assert personal not in everything
    assert (
        len(csv_rows(client_a.get(CSV_URL)))
        == LogEntry.objects.filter(
            additional_data__organisation_id=world["contact"].organisation_id
        ).count()
    )


def test_another_organisations_entries_never_show(client, client_a, make_member, org_a, org_b):
    bravo = make_member(Role.ADMINISTRATOR, org_b, username="bravo@example.org")
    client.force_login(bravo)
    contact = make_contact(org_b, name="Geheim van Bravo", email="b@example.org")
    client.get(reverse("contacts:contact_detail", args=[contact.pk]))
    bravo_entries = LogEntry.objects.filter(additional_data__organisation_id=org_b.pk)
    assert bravo_entries.filter(additional_data__kind="contact").exists()
    assert bravo_entries.filter(additional_data__kind="login").exists()

    client_a.force_login(get_user_model().objects.get(username__startswith="administrator-a"))
    page = client_a.get(URL)
    assert not set(shown(page)) & set(bravo_entries.values_list("pk", flat=True))
    assert "bravo@example.org" not in page.content.decode()
    # Bravo's administrator is no actor to choose in A's filter.
    refused = client_a.get(URL, {"actor": bravo.pk})
    assert "actor" in refused.context["filter_form"].errors
    rows = csv_rows(client_a.get(CSV_URL))
    assert str(contact.pk) not in {r["object_id"] for r in rows if r["kind"] == "contact"}
    assert str(bravo.pk) not in {r["actor_id"] for r in rows}


def test_only_administrators_see_or_export_the_log(client, make_member, org_a):
    client.force_login(make_member(Role.ANALYST, org_a))
    assert client.get(URL).status_code == 403
    assert client.get(CSV_URL).status_code == 403


def test_there_is_no_route_to_change_or_delete_an_entry(client_a, world):
    assert client_a.post(URL, {"delete": world["login"].pk}).status_code == 405
    assert client_a.post(CSV_URL).status_code == 405
    assert LogEntry.objects.filter(pk=world["login"].pk).exists()


def test_a_superuser_cannot_delete_or_change_entries_in_the_admin(client, world):
    superuser = get_user_model().objects.create_superuser("beheerder", "root@example.org", "x")
    client.force_login(superuser)
    entry = world["login"]
    delete_url = reverse("admin:auditlog_logentry_delete", args=[entry.pk])
    assert client.get(delete_url).status_code == 403
    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:auditlog_logentry_changelist")
    bulk = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )
    assert bulk.status_code in (200, 302, 403)
    change = client.post(reverse("admin:auditlog_logentry_change", args=[entry.pk]), {})
    assert change.status_code == 403
    assert LogEntry.objects.filter(pk=entry.pk).exists()
    assert client.get(changelist).status_code == 200  # reading stays possible
