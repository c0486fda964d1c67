"""Stratified samples of an invitation rule (issue 22, item 4): a draw repeatable with the
stored seed, sizes per stratum as planned, only contacts dispatch may invite, and quotas
that stop exactly the stratum whose response target is reached."""

from collections import Counter
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from gehoord.catalog.tests.factories import make_service
from gehoord.contacts import service as contacts_service
from gehoord.contacts.models import ConsentSource, LegalBasis, Purpose
from gehoord.contacts.tests.factories import make_contact
from gehoord.framework.models import LegalBasis as QuestionnaireBasis
from gehoord.framework.tests.factories import published_questionnaire
from gehoord.outreach import sampling
from gehoord.outreach.dispatch import send_due_invitations
from gehoord.outreach.models import (
    Invitation,
    InvitationStatus,
    NotInvitedReason,
)
from gehoord.outreach.models_sampling import Allocation, Stratum
from gehoord.outreach.tests.factories import make_event, make_invitation, make_rule

AMS = ZoneInfo("Europe/Amsterdam")
PERIOD = (date(2026, 1, 1), date(2026, 6, 30))
DRAWN = datetime(2026, 7, 1, 9, 0, tzinfo=AMS)
DUE = datetime(2026, 7, 1, 10, 0, tzinfo=AMS)


def _rule(org, basis=QuestionnaireBasis.PUBLIC_TASK, **fields):
    wmo = make_service(org, "Wmo", code="wmo")
    questionnaire = published_questionnaire(
        org, "Wmo-onderzoek", legal_basis=basis, purpose="Wij willen de Wmo verbeteren."
    )
    # Inactive for events: only the sample invites.
    return make_rule(wmo, questionnaire, channels=["email"], delay_days=1, send_hour=10, **fields)


def _population(org, rule, districts: dict[str, int]):
    contacts = []
    for district, count in districts.items():
        for i in range(count):
            contact = make_contact(
                org,
                f"{district} {i}",
                email=f"{district.lower()}{i}@example.org",
                district=district,
            )
            make_event(rule.service, contact, date(2026, 3, 1) + timedelta(days=i % 90))
            contacts.append(contact)
    return contacts


def _plan(org, rule, **fields):
    fields.setdefault("strata", [Stratum.DISTRICT])
    fields.setdefault("size", 20)
    return sampling.new_plan(
        org, rule, name="Wmo 2026", events_from=PERIOD[0], events_until=PERIOD[1], **fields
    )


def test_the_draw_repeats_with_the_stored_seed(org_a):
    rule = _rule(org_a)
    _population(org_a, rule, {"Centrum": 40, "Noord": 30, "Zuid": 30})
    plan = _plan(org_a, rule, size=25)
    assert plan.seed is not None  # chosen at random and stored
    first = sampling.preview(plan, DRAWN).units
    again = sampling.preview(type(plan).objects.get(pk=plan.pk), DRAWN).units
    assert first == again and len(first) == 25
    other = _plan(org_a, rule, size=25, seed=plan.seed + 1)
    assert sampling.preview(other, DRAWN).units != first  # the seed decides who
    drawn = sampling.draw(plan, DRAWN)
    assert [(i.event_id, i.contact_id) for i in drawn] == [
        (u.event_id, u.contact_id) for u in first
    ]
    assert Invitation.objects.filter(sample_plan=plan).count() == 25
    with pytest.raises(ValueError):
        sampling.draw(plan, DRAWN)  # a plan is drawn once


def test_proportional_sizes_per_stratum(org_a):
    rule = _rule(org_a)
    _population(org_a, rule, {"Centrum": 50, "Noord": 30, "Zuid": 20})
    plan = _plan(org_a, rule, size=20)
    result = sampling.preview(plan, DRAWN)
    assert {row.stratum: (row.population, row.planned) for row in result.rows} == {
        "Centrum": (50, 10),
        "Noord": (30, 6),
        "Zuid": (20, 4),
    }
    assert Counter(u.stratum for u in result.units) == {"Centrum": 10, "Noord": 6, "Zuid": 4}
    assert len({u.contact_id for u in result.units}) == 20  # without replacement


def test_minimum_per_stratum_lifts_small_strata_first(org_a):
    rule = _rule(org_a)
    _population(org_a, rule, {"Centrum": 90, "Noord": 7, "Zuid": 3})
    plan = _plan(org_a, rule, size=20, allocation=Allocation.MINIMUM, minimum_per_stratum=5)
    sizes = Counter(u.stratum for u in sampling.preview(plan, DRAWN).units)
    # Zuid has only 3: all of them; Noord its minimum 5; Centrum the rest of 20.
    assert sizes == {"Centrum": 12, "Noord": 5, "Zuid": 3}
    # Proportional, Zuid would get 1 and Noord 1 (largest remainder).
    assert sampling.allocate({"Centrum": 90, "Noord": 7, "Zuid": 3}, 20) == {
        "Centrum": 18,
        "Noord": 1,
        "Zuid": 1,
    }


def test_never_a_contact_without_consent_in_quarantine_or_opted_out(org_a, smtp_inbox):
    org_a.quarantine_days = 90
    org_a.save(update_fields=["quarantine_days"])
    rule = _rule(org_a, basis=QuestionnaireBasis.CONSENT)
    contacts = _population(org_a, rule, {"Centrum": 12})
    for contact in contacts[:8]:
        contacts_service.give_consent(
            contact,
            Purpose.SURVEY_INVITATIONS,
            legal_basis=LegalBasis.CONSENT,
            source=ConsentSource.WEB_FORM,
        )
    opted_out = contacts[0]
    contacts_service.opt_out(opted_out.opt_out_token)
    quarantined = contacts[1]
    make_invitation(
        rule, quarantined, status=InvitationStatus.SENT, sent_at=DRAWN - timedelta(days=10)
    )
    plan = _plan(org_a, rule, size=12)  # asks for more than may be invited
    result = sampling.preview(plan, DRAWN)
    chosen = {u.contact_id for u in result.units}
    allowed = {c.pk for c in contacts[2:8]}
    assert chosen == allowed
    assert result.excluded == {
        NotInvitedReason.NO_CONSENT: 4,
        NotInvitedReason.OPTED_OUT: 1,
        NotInvitedReason.QUARANTINE: 1,
    }
    sampling.draw(plan, DRAWN)
    send_due_invitations(now=DUE)
    sent = set(
        Invitation.objects.filter(sample_plan=plan, status=InvitationStatus.SENT).values_list(
            "contact_id", flat=True
        )
    )
    assert sent == allowed


def _drawn_two_districts(org, **rule_fields):
    rule = _rule(org, **rule_fields)
    _population(org, rule, {"Centrum": 10, "Noord": 10})
    plan = _plan(org, rule, size=12, response_target=2)
    sampling.draw(plan, DRAWN)
    return plan


def _respond(plan, stratum: str, count: int) -> None:
    chosen = Invitation.objects.filter(sample_plan=plan, stratum=stratum).order_by("pk")[:count]
    for invitation in chosen:
        invitation.status = InvitationStatus.RESPONDED
        invitation.sent_at = DRAWN
        invitation.save(update_fields=["status", "sent_at"])


def test_quota_stops_inviting_exactly_the_full_stratum(org_a, smtp_inbox):
    plan = _drawn_two_districts(org_a)
    _respond(plan, "Centrum", 2)  # target reached in Centrum
    _respond(plan, "Noord", 1)  # not in Noord
    send_due_invitations(now=DUE)
    outcome = Counter(Invitation.objects.filter(sample_plan=plan).values_list("stratum", "status"))
    assert outcome == {
        ("Centrum", InvitationStatus.RESPONDED): 2,
        ("Centrum", InvitationStatus.SKIPPED): 4,
        ("Noord", InvitationStatus.RESPONDED): 1,
        ("Noord", InvitationStatus.SENT): 5,
    }
    skipped = Invitation.objects.filter(sample_plan=plan, status=InvitationStatus.SKIPPED)
    assert {i.not_invited_because for i in skipped} == {NotInvitedReason.QUOTA_REACHED}
    progress = {row["stratum"]: row["quota_reached"] for row in sampling.stratum_progress(plan)}
    assert progress == {"Centrum": True, "Noord": False}


def test_quota_stops_reminding_exactly_the_full_stratum(org_a, smtp_inbox):
    plan = _drawn_two_districts(org_a, reminder_after_days=3)
    send_due_invitations(now=DUE)
    assert Invitation.objects.filter(sample_plan=plan, status=InvitationStatus.SENT).count() == 12
    _respond(plan, "Noord", 2)
    send_due_invitations(now=DUE + timedelta(days=4))
    centrum = Invitation.objects.filter(sample_plan=plan, stratum="Centrum")
    assert {i.status for i in centrum} == {InvitationStatus.REMINDED}
    noord = Invitation.objects.filter(
        sample_plan=plan, stratum="Noord", status=InvitationStatus.SENT
    )
    assert noord.count() == 4
    assert {i.not_invited_because for i in noord} == {NotInvitedReason.QUOTA_REACHED}
    assert all(i.reminded_at is not None for i in noord)
