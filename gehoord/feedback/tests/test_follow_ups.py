"""Follow-up creation rules: low grade, call-back request, signals that need contact;
idempotent pick-up; the queue's closing and retention."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from gehoord.feedback import query, service
from gehoord.feedback.models import (
    CallResult,
    FollowUp,
    FollowUpReason,
    FollowUpStatus,
    SignalKind,
)
from gehoord.surveys.models import Response
from gehoord.surveys.tests.factories import build_questionnaire, make_response

pytestmark = pytest.mark.django_db


@pytest.fixture
def questionnaire(org_a):
    return build_questionnaire(org_a)


def respond(questionnaire, grade: int, call_back: int, submitted_at=None) -> Response:
    return make_response(
        questionnaire,
        {"grade": grade, "follow_up": call_back, "why_not": "geen tijd"},
        submitted_at,
        service=questionnaire.service,
    )


def test_rules():
    assert service.follow_up_rules(4, False, 5) == FollowUpReason.LOW_GRADE
    assert service.follow_up_rules(5, False, 5) == FollowUpReason.LOW_GRADE
    assert service.follow_up_rules(6, False, 5) is None
    assert service.follow_up_rules(9, True, 5) == FollowUpReason.CALL_BACK
    assert service.follow_up_rules(3, True, 5) == FollowUpReason.CALL_BACK
    assert service.follow_up_rules(None, False, 5) is None


def test_low_grade_and_call_back_create_follow_ups_once(questionnaire, org_a):
    low = respond(questionnaire, 3, 0)
    call_back = respond(questionnaire, 8, 1)
    fine = respond(questionnaire, 8, 0)
    assert service.pick_up_new_responses() == 2
    by_response = {f.response_id: f for f in FollowUp.objects.all()}
    assert set(by_response) == {low.pk, call_back.pk}
    assert fine.pk not in by_response
    assert by_response[low.pk].reason == FollowUpReason.LOW_GRADE
    assert by_response[low.pk].grade == 3
    assert by_response[low.pk].service == questionnaire.service
    assert by_response[call_back.pk].reason == FollowUpReason.CALL_BACK
    assert not by_response[call_back.pk].has_contact_details  # "geen contactgegevens"
    # Due in five working days.
    from gehoord.feedback import deadlines

    assert by_response[low.pk].due_on == deadlines.add_working_days(timezone.localdate(), 5)
    # A second pick-up (and an overlapping one) creates nothing new.
    assert service.pick_up_new_responses() == 0
    assert service.follow_up_responses(Response.objects.all()) == 0
    assert FollowUp.objects.count() == 2


def test_threshold_is_per_organisation(questionnaire, org_a):
    settings = service.settings_of(org_a)
    settings.low_grade_threshold = 6
    settings.save()
    respond(questionnaire, 6, 0)
    assert service.pick_up_new_responses() == 1


def test_old_responses_are_not_followed_up(questionnaire):
    respond(questionnaire, 2, 1, submitted_at=timezone.now() - timedelta(days=90))
    assert service.pick_up_new_responses() == 0


def test_watermark_overlap_picks_up_a_late_commit(questionnaire):
    service.pick_up_new_responses()
    late = respond(questionnaire, 2, 0)
    # Committed with a received_at just before the last pick-up's moment.
    Response.objects.filter(pk=late.pk).update(received_at=timezone.now() - timedelta(minutes=1))
    assert service.pick_up_new_responses() == 1


def test_signal_with_contact_details_needs_contact(org_a):
    signal = service.record_signal(
        org_a,
        kind=SignalKind.COMPLAINT,
        text="Niemand belde terug",
        received_on=date.today(),
        contact={"name": "Jan Jansen", "email": "jan@example.org", "consent": True},
    )
    follow_up = signal.follow_up
    assert follow_up.reason == FollowUpReason.SIGNAL
    assert follow_up.contact_email == "jan@example.org" and follow_up.consent_at
    anonymous = service.record_signal(
        org_a, kind=SignalKind.COMPLIMENT, text="Top", received_on=date.today()
    )
    assert not FollowUp.objects.filter(signal=anonymous).exists()


def test_call_log_close_and_in_time_share(org_a, make_member, smtp_inbox):
    from gehoord.tenancy.roles import Role

    lead = make_member(Role.TEAM_LEAD, org_a)
    signal = service.record_signal(
        org_a,
        kind=SignalKind.COMPLAINT,
        text="Brief kwijt",
        received_on=date.today(),
        contact={"name": "Jan", "email": "jan@example.org", "consent": True},
    )
    follow_up = signal.follow_up
    service.assign(follow_up, lead)
    service.log_call(follow_up, result=CallResult.NO_ANSWER, by=lead)
    service.log_call(follow_up, result=CallResult.REACHED, note="Uitgelegd", by=lead)
    assert service.send_message_back(follow_up, "U heeft ons laten weten …", "Uw melding")
    assert smtp_inbox.messages[0]["To"] == "jan@example.org"
    service.close_follow_up(follow_up, "Opgelost")
    assert follow_up.calls.count() == 2
    assert query.handled_in_time(org_a) == {"closed": 1, "in_time": 1, "pct": 100.0}
    assert not query.open_follow_ups(org_a).exists()


def test_closed_follow_ups_are_deleted_after_retention(org_a):
    signal = service.record_signal(
        org_a,
        kind=SignalKind.COMPLAINT,
        text="x",
        received_on=date.today(),
        contact={"phone": "0612345678", "consent": True},
    )
    follow_up = service.close_follow_up(signal.follow_up, "klaar")
    limit = timezone.now() - timedelta(days=org_a.retention_days_followups)
    assert service.purge_closed_follow_ups(org_a, limit) == 0
    later = timezone.now() + timedelta(days=1)
    assert service.purge_closed_follow_ups(org_a, later) == 1
    assert not FollowUp.objects.filter(pk=follow_up.pk).exists()
    open_one = service.record_signal(
        org_a,
        kind=SignalKind.COMPLAINT,
        text="y",
        received_on=date.today(),
        contact={"phone": "0611111111"},
    )
    assert service.purge_closed_follow_ups(org_a, later) == 0
    assert FollowUp.objects.get(signal=open_one).status == FollowUpStatus.OPEN
