from auditlog.models import LogEntry
from django.urls import reverse

from gehoord.catalog.tests.factories import make_service
from gehoord.tenancy.roles import Role


def test_switching_organisation_changes_what_is_shown(client, make_member, org_a, org_b):
    make_service(org_a, "Paspoort")
    make_service(org_b, "Rijbewijs")
    client.force_login(make_member(Role.ANALYST, org_a, org_b))
    list_url = reverse("catalog:service_list")

    first = client.get(list_url).content.decode()
    assert "Paspoort" in first and "Rijbewijs" not in first

    response = client.post(reverse("tenancy:switch"), {"organisation": org_b.pk, "next": list_url})
    assert response.status_code == 302 and response["Location"] == list_url
    second = client.get(list_url).content.decode()
    assert "Rijbewijs" in second and "Paspoort" not in second


def test_switch_to_foreign_organisation_is_refused(client, make_member, org_a, org_b):
    client.force_login(make_member(Role.ANALYST, org_a))
    client.post(reverse("tenancy:switch"), {"organisation": org_b.pk})
    page = client.get(reverse("home")).content.decode()
    assert org_a.name in page


def test_switch_never_redirects_to_another_site(client, make_member, org_a, org_b):
    client.force_login(make_member(Role.ANALYST, org_a, org_b))
    response = client.post(
        reverse("tenancy:switch"), {"organisation": org_b.pk, "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_switch_with_garbage_input_gives_message_not_error(client, make_member, org_a):
    client.force_login(make_member(Role.ANALYST, org_a))
    response = client.post(reverse("tenancy:switch"), {"organisation": "abc"}, follow=True)
    assert response.status_code == 200
    assert "kunt niet wisselen" in response.content.decode()


def test_audit_log_shows_own_changes_only(client_a, admin_a, org_a, org_b):
    client_a.post(reverse("catalog:service_create"), {"name": "Paspoort"})
    make_service(org_b, "Geheim van Bravo")
    assert LogEntry.objects.count() >= 2
    page = client_a.get(reverse("tenancy:audit_log")).content.decode()
    assert "Paspoort" in page
    assert "Geheim van Bravo" not in page
    assert admin_a.username in page


def test_audit_log_survives_entries_with_values_that_are_not_strings(client_a, org_a):
    # Entries written before values were stored as strings (e.g. an export request with
    # None and a dict) must not take the page down.
    service = make_service(org_a, "Paspoort")
    LogEntry.objects.log_create(
        service,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        changes={"name": [None, "Paspoort"], "description": [None, {"a": 1}]},
    )
    page = client_a.get(reverse("tenancy:audit_log"))
    assert page.status_code == 200
    assert "– → Paspoort" in page.content.decode()
    assert "geopend" in page.content.decode()  # auditlog's "access", in Dutch


def test_audit_log_is_for_administrators_only(client, make_member, org_a):
    client.force_login(make_member(Role.ANALYST, org_a))
    assert client.get(reverse("tenancy:audit_log")).status_code == 403
