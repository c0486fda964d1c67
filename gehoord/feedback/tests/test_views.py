"""Staff screens: intake, list with deadlines and warnings, decision, follow-up queue."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gehoord.catalog.tests.factories import make_service, make_team
from gehoord.feedback import service
from gehoord.feedback.models import (
    CallLogEntry,
    FollowUp,
    FollowUpStatus,
    Outcome,
    Signal,
    SignalKind,
)
from gehoord.feedback.tests.factories import make_follow_up
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(client, make_member, org_a):
    client.force_login(make_member(Role.COMPLAINTS_OFFICER, org_a))
    return client


def complaint(org, received_on, **extra):
    return service.record_signal(
        org, kind=SignalKind.COMPLAINT, text="Te lang gewacht", received_on=received_on, **extra
    )


def test_staff_intake_sets_the_deadline(officer, org_a):
    wmo = make_service(org_a, "Wmo")
    response = officer.post(
        "/signalen/nieuw/",
        {
            "kind": "objection",
            "received_on": "2026-01-12",
            "channel": "letter",
            "service": wmo.pk,
            "text": "Ik ben het niet eens met het besluit.",
            "advisory_committee": "on",
        },
    )
    signal = Signal.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/signalen/{signal.pk}/"
    assert signal.due_on == date(2026, 4, 7)
    page = officer.get(response["Location"]).content.decode()
    assert "7 april 2026" in page or "7 April 2026" in page


def test_intake_errors_store_nothing(officer, org_a):
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = officer.post(
        "/signalen/nieuw/",
        {"kind": "complaint", "received_on": future, "channel": "email", "text": ""},
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not Signal.objects.exists()


def test_list_shows_overdue_and_due_soon(officer, org_a, django_assert_max_num_queries):
    today = timezone.localdate()
    late = complaint(org_a, today - timedelta(weeks=8))
    soon = complaint(org_a, today - timedelta(weeks=6) + timedelta(days=2))
    fine = complaint(org_a, today)
    for _ in range(20):
        complaint(org_a, today - timedelta(days=3))
    # The first page puts the register's names (for masking the previews) in the shared
    # cache (test_masking_cache); the bound is for every page after it.
    officer.get("/signalen/")
    with django_assert_max_num_queries(12):
        response = officer.get("/signalen/")
    body = response.content.decode()
    assert "1 signaal is over de termijn" in body or "1 signal is past its deadline" in body
    overdue = officer.get("/signalen/?status=te-laat").context["object_list"]
    assert list(overdue) == [late]
    due_soon = list(officer.get("/signalen/?status=binnenkort").context["object_list"])
    assert soon in due_soon and fine not in due_soon and late not in due_soon


def test_extend_and_decide(officer, org_a):
    signal = complaint(org_a, date(2026, 3, 2))
    officer.post(f"/signalen/{signal.pk}/", {"action": "extend"})
    signal.refresh_from_db()
    assert signal.extended and signal.due_on == date(2026, 5, 11)
    bad = officer.post(
        f"/signalen/{signal.pk}/",
        {"action": "decide", "outcome": "gegrond", "decided_on": "2026-01-01"},
    )
    assert bad.status_code == 400
    officer.post(
        f"/signalen/{signal.pk}/",
        {"action": "decide", "outcome": "well_founded", "decided_on": "2026-04-01"},
    )
    signal.refresh_from_db()
    assert signal.outcome == Outcome.WELL_FOUNDED and signal.decided_on == date(2026, 4, 1)


def test_analyst_may_view_but_not_decide(client, make_member, org_a):
    signal = complaint(org_a, date(2026, 3, 2))
    client.force_login(make_member(Role.ANALYST, org_a))
    assert client.get(f"/signalen/{signal.pk}/").status_code == 200
    assert client.post(f"/signalen/{signal.pk}/", {"action": "extend"}).status_code == 403
    assert client.get("/signalen/nieuw/").status_code == 403


def test_interviewer_sees_no_signals(client, make_member, org_a):
    client.force_login(make_member(Role.INTERVIEWER, org_a))
    assert client.get("/signalen/").status_code == 403
    assert client.get("/opvolging/").status_code == 403


def test_team_lead_queue_and_handling(client, make_member, org_a, django_assert_max_num_queries):
    lead = make_member(Role.TEAM_LEAD, org_a)
    client.force_login(lead)
    for n in range(15):
        complaint(
            org_a, timezone.localdate(), contact={"phone": f"06123456{n:02d}", "consent": True}
        )
    anonymous = make_follow_up(org_a, "call_back", due_on=timezone.localdate())
    client.get("/opvolging/")  # puts the masking names in the shared cache (as above)
    with django_assert_max_num_queries(12):
        body = client.get("/opvolging/").content.decode()
    assert "geen contactgegevens" in body or "no contact details" in body
    kcc = make_team(org_a, "KCC")
    FollowUp.objects.filter(pk=anonymous.pk).update(team=kcc)
    assert list(client.get(f"/opvolging/?team={kcc.pk}").context["object_list"]) == [anonymous]
    url = f"/opvolging/{anonymous.pk}/"
    client.post(url, {"action": "assign"})
    assert client.get("/opvolging/?filter=mijn").context["object_list"][0] == anonymous
    assert client.post(url, {"action": "call", "result": ""}).status_code == 400
    client.post(url, {"action": "call", "result": "no_answer", "note": "Later opnieuw"})
    assert CallLogEntry.objects.get().by == lead
    client.post(url, {"action": "message", "message": "U heeft ons laten weten …"})
    client.post(url, {"action": "close", "outcome": "Teruggebeld, excuses gemaakt"})
    anonymous.refresh_from_db()
    assert anonymous.status == FollowUpStatus.CLOSED
    assert anonymous.message_back.startswith("U heeft") and anonymous.message_sent_at is None
    # Closed: nothing can be added any more.
    client.post(url, {"action": "call", "result": "reached"})
    assert CallLogEntry.objects.count() == 1


def test_settings_change_terms(client_a, org_a):
    response = client_a.post(
        "/signalen/instellingen/",
        {
            "low_grade_threshold": 4,
            "follow_up_working_days": 3,
            "complaint_weeks": 5,
            "complaint_extension_weeks": 4,
            "objection_weeks": 6,
            "objection_committee_weeks": 12,
            "objection_extension_weeks": 6,
            "warning_working_days": 5,
            "public_form_enabled": "on",
        },
    )
    assert response.status_code == 302
    assert service.settings_of(org_a).complaint_weeks == 5
    bad = client_a.post("/signalen/instellingen/", {"low_grade_threshold": 40})
    assert bad.status_code == 200 and service.settings_of(org_a).low_grade_threshold == 4
