from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from gehoord.catalog.tests.factories import make_provider, make_service
from gehoord.framework.tests.factories import make_questionnaire
from gehoord.outreach import service
from gehoord.outreach.models import EventKind, EventSource, Invitation, ServiceEvent
from gehoord.outreach.tests.factories import make_rule

AMS = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def wmo(org_a):
    return make_service(org_a, "Wmo huishoudelijke hulp")


@pytest.fixture
def rule(org_a, wmo):
    return make_rule(
        wmo,
        make_questionnaire(org_a, "Wmo"),
        EventKind.STARTED,
        ["email", "sms"],
        delay_days=90,
        send_hour=10,
    )


def record(org, service_, external_id="", kind=EventKind.STARTED, **contact):
    return service.record_event(
        org,
        contact=contact or {"email": "jan@example.org"},
        service=service_,
        kind=kind,
        occurred_on=date(2026, 3, 1),
        source=EventSource.API,
        external_id=external_id,
    )


def test_event_creates_contact_event_and_invitation(org_a, wmo, rule):
    event, created = record(org_a, wmo, external_id="zaak-1", name="Jan", email="jan@example.org")
    assert created and event.contact.name == "Jan"
    invitation = Invitation.objects.get()
    assert invitation.contact == event.contact and invitation.status == "scheduled"
    # 90 days after 1 March at 10:00 Amsterdam time (summer time: 08:00 UTC).
    assert invitation.due_at == datetime(2026, 5, 30, 10, 0, tzinfo=AMS)


def test_same_event_twice_is_stored_once(org_a, wmo, rule):
    first, _ = record(org_a, wmo, external_id="zaak-1")
    again, created = record(org_a, wmo, external_id="zaak-1")
    assert again == first and not created
    assert ServiceEvent.objects.count() == 1 and Invitation.objects.count() == 1


def test_only_matching_active_rules_schedule(org_a, wmo, rule):
    record(org_a, wmo, kind=EventKind.COMPLETED)
    assert Invitation.objects.count() == 0
    rule.active = False
    rule.save()
    record(org_a, wmo, external_id="x")
    assert Invitation.objects.count() == 0


def test_sampling_is_deterministic_and_near_the_rate(org_a, wmo, rule):
    rule.sampling_percentage = 30
    rule.save()
    for i in range(300):
        record(org_a, wmo, external_id=f"zaak-{i}", email=f"p{i}@example.org")
    invited = Invitation.objects.count()
    assert 60 <= invited <= 120  # 30 % of 300, with room for chance
    event = ServiceEvent.objects.first()
    assert service.is_sampled(event, rule) == service.is_sampled(event, rule)
    assert service.schedule_invitations(event) == list(Invitation.objects.filter(event=event))


def test_related_records_must_belong_to_the_organisation(org_a, org_b, wmo, rule):
    foreign = make_provider(org_b, "Elders")
    with pytest.raises(ValueError):
        service.record_event(
            org_a,
            contact={"email": "a@example.org"},
            service=wmo,
            kind=EventKind.STARTED,
            occurred_on=date(2026, 1, 1),
            source=EventSource.API,
            provider=foreign,
        )
    assert ServiceEvent.objects.count() == 0
