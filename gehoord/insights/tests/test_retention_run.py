"""The nightly retention run: each store loses what is past its period and keeps what is
inside it; a second run changes nothing; the dry run (the administrator's preview) counts
exactly what the real run then removes; every run leaves one audit entry with counts."""

from datetime import datetime, timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from gehoord.contacts import service as contacts_service
from gehoord.contacts.models import Consent, ConsentSource, Contact, LegalBasis, Purpose
from gehoord.contacts.tests.factories import make_contact
from gehoord.feedback.models import FollowUp, FollowUpStatus, Signal
from gehoord.feedback.tests.factories import make_follow_up, make_signal
from gehoord.insights import retention_run
from gehoord.insights.models import TextAnalysis
from gehoord.insights.tasks import apply_retention as nightly_task
from gehoord.outreach.models import EventKind, EventSource, Invitation, ServiceEvent
from gehoord.outreach.models import InvitationStatus as Status
from gehoord.outreach.tests.factories import make_rule
from gehoord.surveys.models import Answer
from gehoord.surveys.tests.factories import build_questionnaire, make_response
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def backdate(model, pk, **moments):
    """Set auto_now(_add) moments, which create() cannot."""
    model.objects.filter(pk=pk).update(**moments)


def old_contact(organisation, name, days=800, **fields):
    contact = make_contact(organisation, name, **fields)
    moment = timezone.now() - days * DAY
    backdate(Contact, contact.pk, created_at=moment, updated_at=moment)
    return contact


def event_of(contact, questionnaire, days_ago, status):
    """A service event `days_ago` with one invitation of `status`."""
    moment = timezone.now() - days_ago * DAY
    event = ServiceEvent.objects.create(
        organisation=contact.organisation,
        contact=contact,
        service=questionnaire.service,
        kind=EventKind.COMPLETED,
        occurred_on=moment.date(),
        source=EventSource.API,
    )
    backdate(ServiceEvent, event.pk, received_at=moment)
    rule = questionnaire.rule
    Invitation.objects.create(
        organisation=contact.organisation,
        contact=contact,
        event=event,
        rule=rule,
        status=status,
        due_at=moment,
        sent_at=moment if status != Status.SCHEDULED else None,
    )
    return event


@pytest.fixture
def world(org_a):
    """Every store of org_a with one row past its period and one inside it."""
    now = timezone.now()
    questionnaire = build_questionnaire(org_a)
    questionnaire.rule = make_rule(questionnaire.service, questionnaire)
    w = {
        # Contacts (730 days): gone, and four that stay for four reasons.
        "gone": old_contact(org_a, "Oud Contact", email="oud@example.org", mobile="0611112222"),
        "recent": make_contact(org_a, "Nieuw Contact", email="nieuw@example.org"),
        "panel": old_contact(org_a, "Panel Lid", email="panel@example.org"),
        "helped": old_contact(org_a, "Nog Geholpen", mobile="0633334444"),
        "invited": old_contact(org_a, "Nog Uitgenodigd", email="uitgenodigd@example.org"),
    }
    consent = contacts_service.give_consent(
        w["panel"], Purpose.PANEL, legal_basis=LegalBasis.CONSENT, source=ConsentSource.STAFF
    )
    backdate(Consent, consent.pk, given_at=now - 800 * DAY)
    w["open_follow_up"] = make_follow_up(org_a, contact_phone="06-3333 4444")
    # Events (730 days, at least the 90 quarantine days) with their invitations.
    w["old_event"] = event_of(w["recent"], questionnaire, 800, Status.RESPONDED)
    w["new_event"] = event_of(w["recent"], questionnaire, 10, Status.RESPONDED)
    w["running_event"] = event_of(w["invited"], questionnaire, 800, Status.SENT)
    # Follow-ups (365 days after closing).
    w["closed_old"] = make_follow_up(
        org_a, status=FollowUpStatus.CLOSED, closed_at=now - 400 * DAY, contact_name="A"
    )
    w["closed_new"] = make_follow_up(org_a, status=FollowUpStatus.CLOSED, closed_at=now - 10 * DAY)
    # Signals' free text (1095 days after the decision).
    w["decided_old"] = make_signal(
        org_a, text="Klacht van Oud Contact", reference="Z-1", decided_on=(now - 1100 * DAY).date()
    )
    w["decided_new"] = make_signal(org_a, text="Recent besluit", decided_on=(now - 30 * DAY).date())
    w["undecided_old"] = make_signal(org_a, text="Loopt nog", received_on=(now - 2000 * DAY).date())
    # Open answers (1095 days after the response).
    w["response_old"] = make_response(
        questionnaire, {"grade": 6, "improve": "Sneller bellen"}, submitted_at=now - 1100 * DAY
    )
    w["response_new"] = make_response(
        questionnaire, {"grade": 8, "improve": "Prima zo"}, submitted_at=now - 30 * DAY
    )
    # Text analyses (their quotes go with the open answers of their period).
    w["analysis_old"] = TextAnalysis.objects.create(
        organisation=org_a,
        period_start=(now - 1500 * DAY).date(),
        period_end=(now - 1100 * DAY).date(),
        n=1,
        result={"quotes": ["Sneller bellen"]},
    )
    w["analysis_new"] = TextAnalysis.objects.create(
        organisation=org_a, period_start=(now - 365 * DAY).date(), period_end=now.date(), n=1
    )
    w["questionnaire"] = questionnaire
    return w


EXPECTED = {
    "follow_ups": 1,
    "signal_texts": 1,
    "open_answers": 1,
    "text_analyses": 1,
    # No stored theme classifier in this world; feedback's test_classifier covers that store
    # (forget_classifier_training_before, with and without dry_run).
    "classifier_models": 0,
    "service_events": 1,
    "invitations": 1,
    "contacts": 1,
}


def improve_text(response, questionnaire):
    return Answer.objects.get(response=response, item=questionnaire.items["improve"]).value_text


def test_each_store_loses_only_what_is_past_its_period(org_a, world):
    assert retention_run.apply_retention(org_a) == EXPECTED
    assert set(Contact.objects.filter(organisation=org_a).values_list("name", flat=True)) == {
        "Nieuw Contact",
        "Panel Lid",
        "Nog Geholpen",
        "Nog Uitgenodigd",
    }
    assert set(ServiceEvent.objects.values_list("pk", flat=True)) == {
        world["new_event"].pk,
        world["running_event"].pk,
    }
    assert Invitation.objects.count() == 2
    assert set(FollowUp.objects.values_list("pk", flat=True)) == {
        world["closed_new"].pk,
        world["open_follow_up"].pk,
    }
    old, new, undecided = (
        Signal.objects.get(pk=world[key].pk)
        for key in ("decided_old", "decided_new", "undecided_old")
    )
    assert (old.text, old.reference) == ("", "")
    assert old.decided_on is not None  # the signal stays for the counts
    assert new.text == "Recent besluit" and undecided.text == "Loopt nog"
    questionnaire = world["questionnaire"]
    assert improve_text(world["response_old"], questionnaire) == ""
    assert improve_text(world["response_new"], questionnaire) == "Prima zo"
    assert list(TextAnalysis.objects.values_list("pk", flat=True)) == [world["analysis_new"].pk]
    # Other answers of the old response stay: only free text is blanked.
    grade = Answer.objects.get(response=world["response_old"], item=questionnaire.items["grade"])
    assert grade.value_number == 6


def test_running_twice_gives_the_same_result(org_a, world):
    retention_run.apply_retention(org_a)
    state = (
        sorted(Contact.objects.values_list("pk", flat=True)),
        sorted(ServiceEvent.objects.values_list("pk", flat=True)),
        sorted(FollowUp.objects.values_list("pk", flat=True)),
        sorted(Signal.objects.values_list("pk", "text")),
        sorted(Answer.objects.values_list("pk", "value_text")),
    )
    assert retention_run.apply_retention(org_a) == dict.fromkeys(EXPECTED, 0)
    assert state == (
        sorted(Contact.objects.values_list("pk", flat=True)),
        sorted(ServiceEvent.objects.values_list("pk", flat=True)),
        sorted(FollowUp.objects.values_list("pk", flat=True)),
        sorted(Signal.objects.values_list("pk", "text")),
        sorted(Answer.objects.values_list("pk", "value_text")),
    )


def test_the_dry_run_counts_what_the_real_run_then_removes_and_changes_nothing(org_a, world):
    contacts_before = Contact.objects.count()
    dry = retention_run.apply_retention(org_a, dry_run=True)
    assert Contact.objects.count() == contacts_before
    assert not LogEntry.objects.filter(additional_data__has_key=retention_run.AUDIT_MARK).exists()
    assert dry == retention_run.apply_retention(org_a) == EXPECTED


def test_the_preview_at_the_next_run_equals_that_run(org_a, world, clock):
    # A contact that reaches its period between now and the next run is in the preview.
    old_contact(org_a, "Bijna Oud", days=730, email="bijna@example.org")
    moment = retention_run.next_run()
    preview = retention_run.preview(org_a)
    assert preview["next_run"] == moment
    assert preview["next_counts"]["contacts"] == 2
    clock.move_to(moment)
    assert retention_run.apply_retention(org_a) == preview["next_counts"]


def test_each_run_writes_one_audit_entry_per_organisation_without_personal_data(
    org_a, org_b, world
):
    other = old_contact(org_b, "Ander Oud", email="ander@example.org")
    # The task runs every organisation: A's rows and B's one old contact.
    assert nightly_task.call_local() == sum(EXPECTED.values()) + 1
    entries = LogEntry.objects.filter(additional_data__has_key=retention_run.AUDIT_MARK)
    assert {e.additional_data["organisation_id"] for e in entries} == {org_a.pk, org_b.pk}
    assert entries.count() == 2
    entry = entries.get(additional_data__organisation_id=org_a.pk)
    assert entry.additional_data[retention_run.AUDIT_MARK] == EXPECTED
    assert entry.changes_dict["contacts"] == ["None", "1"]
    stored = f"{entry.object_repr} {entry.changes} {entry.additional_data}"
    for detail in ("Oud Contact", "oud@example.org", "0611112222", "Sneller bellen", "Z-1"):
        assert detail not in stored
    assert not Contact.objects.filter(pk=other.pk).exists()
    assert retention_run.last_run(org_b)[1]["contacts"] == 1


def test_an_organisation_is_only_changed_by_its_own_periods(org_a, org_b, world):
    other = old_contact(org_b, "Ander Oud", email="ander@example.org")
    retention_run.apply_retention(org_a)
    assert Contact.objects.filter(pk=other.pk).exists()


def test_contacts_leave_through_the_erasure_path(org_a, world):
    """Erasure's receivers run: the old contact's name is cut out of signal texts that
    are still kept."""
    kept_signal = make_signal(org_a, text="Gesprek met Oud Contact over de aanvraag")
    retention_run.apply_retention(org_a)
    assert Signal.objects.get(pk=kept_signal.pk).text == "Gesprek met [naam] over de aanvraag"


def test_longer_periods_keep_everything(org_a, world):
    org_a.retention_days_contacts = 3650
    org_a.retention_days_followups = 3650
    org_a.retention_days_open_answers = 3650
    org_a.save()
    assert retention_run.apply_retention(org_a) == dict.fromkeys(EXPECTED, 0)


def test_the_task_runs_nightly_at_half_past_three():
    schedule = nightly_task.task_class()
    assert schedule.validate_datetime(datetime(2026, 1, 5, 3, 30))
    assert not schedule.validate_datetime(datetime(2026, 1, 5, 3, 15))


def test_next_run_is_the_coming_night(clock):
    clock.move_to("2026-12-01T02:00:00+01:00")
    assert retention_run.next_run().isoformat() == "2026-12-01T03:30:00+01:00"
    clock.move_to("2026-12-01T03:30:00+01:00")
    assert retention_run.next_run().isoformat() == "2026-12-02T03:30:00+01:00"


def test_the_screen_shows_the_next_and_the_last_run(
    client_a, org_a, world, django_assert_max_num_queries
):
    url = reverse("insights:retention")
    response = client_a.get(url)
    assert response.status_code == 200
    counts = {row["store"]: row["count"] for row in response.context["next_rows"]}
    assert counts == retention_run.apply_retention(org_a, retention_run.next_run(), dry_run=True)
    assert counts["contacts"] == 1
    assert "Volgende opschoning" in response.content.decode()
    assert response.context["last_run_at"] is None
    retention_run.apply_retention(org_a)
    with django_assert_max_num_queries(40):
        response = client_a.get(url)
    assert {row["store"]: row["count"] for row in response.context["last_rows"]} == EXPECTED
    assert {row["store"]: row["count"] for row in response.context["next_rows"]}["contacts"] == 0


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_only_administrators_see_the_screen(client, make_member, org_a, role):
    client.force_login(make_member(role, org_a))
    assert client.get(reverse("insights:retention")).status_code == 403
