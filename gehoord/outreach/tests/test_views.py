from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from gehoord.catalog.tests.factories import make_service
from gehoord.framework import service as framework_service
from gehoord.framework.tests.factories import published_questionnaire
from gehoord.outreach import query, service
from gehoord.outreach.models import EventKind, EventSource, Invitation, InvitationRule
from gehoord.outreach.tests.factories import make_rule


@pytest.fixture
def published(org_a):
    return published_questionnaire(org_a, "Algemeen")


@pytest.fixture
def paspoort(org_a):
    return make_service(org_a, "Paspoort", code="paspoort")


def rule_data(service_, questionnaire, **change):
    data = {
        "service": service_.pk,
        "event_kind": "completed",
        "questionnaire": questionnaire.pk,
        "delay_days": "2",
        "send_hour": "10",
        "channels": ["sms", "email"],
        "sampling_percentage": "100",
        "expires_after_days": "30",
        "active": "on",
    }
    data.update(change)
    return data


def test_create_rule_keeps_channel_order(client_a, paspoort, published):
    response = client_a.post(reverse("outreach:rule_create"), rule_data(paspoort, published))
    assert response.status_code == 302
    assert InvitationRule.objects.get().channels == ["email", "sms"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"channels": []}, "Kies minstens één kanaal."),
        ({"delay_days": "400"}, "365"),
        ({"send_hour": "24"}, "23"),
    ],
)
def test_invalid_rule_is_refused_with_a_message(client_a, paspoort, published, change, message):
    response = client_a.post(
        reverse("outreach:rule_create"), rule_data(paspoort, published, **change)
    )
    assert response.status_code == 200 and message in response.content.decode()
    assert InvitationRule.objects.count() == 0


def test_rule_needs_a_published_questionnaire(client_a, org_a, paspoort):
    draft_only = framework_service.create_questionnaire(org_a, "Concept")
    response = client_a.post(reverse("outreach:rule_create"), rule_data(paspoort, draft_only))
    assert "Publiceer deze vragenlijst" in response.content.decode()


def test_foreign_questionnaire_is_refused(client_a, org_b, paspoort):
    foreign = framework_service.create_questionnaire(org_b, "Elders")
    response = client_a.post(reverse("outreach:rule_create"), rule_data(paspoort, foreign))
    assert response.status_code == 200 and InvitationRule.objects.count() == 0


def test_overview_counts_and_query_count(client_a, org_a, paspoort, published):
    rule = make_rule(paspoort, published)

    def add_events(start, count):
        for i in range(start, start + count):
            service.record_event(
                org_a,
                contact={"email": f"p{i}@example.org"},
                service=paspoort,
                kind=EventKind.COMPLETED,
                occurred_on=date(2026, 1, 1),
                source=EventSource.API,
                external_id=str(i),
            )

    add_events(0, 2)
    with CaptureQueriesContext(connection) as few:
        page = client_a.get(reverse("outreach:overview")).content.decode()
    assert "Paspoort" in page
    extra = make_rule(make_service(org_a, "Rijbewijs"), published)
    add_events(2, 5)
    with CaptureQueriesContext(connection) as many:
        client_a.get(reverse("outreach:overview"))
    assert len(many) == len(few)
    assert rule.invitations.count() == 7 and extra.invitations.count() == 0
    events = client_a.get(reverse("outreach:event_list")).content.decode()
    assert events.count("Paspoort") == 7


def test_response_rate_by_channel_service_and_provider(client_a, org_a, paspoort, published):
    make_rule(paspoort, published)
    for i in range(4):
        service.record_event(
            org_a,
            contact={"email": f"p{i}@example.org"},
            service=paspoort,
            kind=EventKind.COMPLETED,
            occurred_on=date(2026, 1, 1),
            source=EventSource.API,
            external_id=str(i),
        )
    invitations = list(Invitation.objects.order_by("pk"))
    for invitation, status in zip(
        invitations, ["sent", "responded", "reminded", "scheduled"], strict=True
    ):
        invitation.status, invitation.channel = status, "email"
        invitation.save()
    page = client_a.get(reverse("outreach:overview")).content.decode()
    # 3 delivered (sent, reminded, responded), 1 answered: 33.3 %.
    assert '<th scope="row">E-mail</th><td>3</td><td>1</td><td>33,3%</td>' in page
    assert '<th scope="row">Paspoort</th><td>3</td><td>1</td><td>33,3%</td>' in page


def test_expired_invitations_count_as_delivered_in_every_response_rate(
    client_a, org_a, paspoort, published
):
    """The outreach overview and the results page divide by the same invitations."""
    make_rule(paspoort, published)
    for i in range(4):
        service.record_event(
            org_a,
            contact={"email": f"p{i}@example.org"},
            service=paspoort,
            kind=EventKind.COMPLETED,
            occurred_on=date(2026, 1, 1),
            source=EventSource.API,
            external_id=str(i),
        )
    now = timezone.now()
    for invitation, status in zip(
        Invitation.objects.order_by("pk"), ["sent", "responded", "expired", "failed"], strict=True
    ):
        invitation.status, invitation.channel, invitation.sent_at = status, "email", now
        invitation.save()
    page = client_a.get(reverse("outreach:overview")).content.decode()
    assert '<th scope="row">E-mail</th><td>3</td><td>1</td><td>33,3%</td>' in page
    assert query.response_counts(org_a, now - timedelta(days=1), now + timedelta(days=1)) == (3, 1)
