"""Dispatch and the questionnaire's legal basis: consent or public task (issue 14)."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from gehoord.catalog.tests.factories import make_service
from gehoord.contacts import service as contacts_service
from gehoord.contacts.models import ConsentSource, LegalBasis, Purpose
from gehoord.contacts.tests.factories import make_contact
from gehoord.framework.models import LegalBasis as QuestionnaireBasis
from gehoord.framework.tests.factories import published_questionnaire
from gehoord.outreach import service
from gehoord.outreach.dispatch import send_due_invitations
from gehoord.outreach.models import EventKind, EventSource, Invitation, NotInvitedReason
from gehoord.outreach.tests.factories import make_rule
from gehoord.testing import TEST_NOW

AMS = ZoneInfo("Europe/Amsterdam")
TODAY = TEST_NOW.astimezone(AMS).date()
DUE = datetime.combine(TODAY, time(10, 0), tzinfo=AMS)


def rule_for(org, basis):
    wmo = make_service(org, "Wmo", code="wmo")
    questionnaire = published_questionnaire(
        org, "Wmo-onderzoek", legal_basis=basis, purpose="Wij willen de Wmo verbeteren."
    )
    return make_rule(wmo, questionnaire, EventKind.COMPLETED, ["email"], delay_days=1)


def event_for(org, rule, email, external_id):
    return service.record_event(
        org,
        contact={"name": "Sanne Bakker", "email": email},
        service=rule.service,
        kind=EventKind.COMPLETED,
        occurred_on=TODAY - timedelta(days=1),
        source=EventSource.API,
        external_id=external_id,
    )[0]


def test_existing_questionnaires_are_public_task(org_a):
    assert published_questionnaire(org_a).legal_basis == QuestionnaireBasis.PUBLIC_TASK


def test_consent_based_questionnaire_goes_only_to_contacts_with_consent(org_a, smtp_inbox):
    rule = rule_for(org_a, QuestionnaireBasis.CONSENT)
    without = event_for(org_a, rule, "zonder@example.org", "1")
    agreed = make_contact(org_a, "Kees Smit", email="met@example.org")
    contacts_service.give_consent(
        agreed,
        Purpose.SURVEY_INVITATIONS,
        legal_basis=LegalBasis.CONSENT,
        source=ConsentSource.WEB_FORM,
    )
    event_for(org_a, rule, "met@example.org", "2")

    send_due_invitations(now=DUE)

    assert [m["To"] for m in smtp_inbox.messages] == ["met@example.org"]
    refused = Invitation.objects.get(contact=without.contact)
    assert refused.status == "skipped" and refused.sent_at is None and refused.token is None
    assert refused.not_invited_because == NotInvitedReason.NO_CONSENT
    assert Invitation.objects.get(contact=agreed).status == "sent"


def test_consent_for_another_purpose_is_not_enough(org_a, smtp_inbox):
    rule = rule_for(org_a, QuestionnaireBasis.CONSENT)
    contact = make_contact(org_a, email="bel@example.org")
    contacts_service.give_consent(
        contact, Purpose.CALL_BACK, legal_basis=LegalBasis.CONSENT, source=ConsentSource.SURVEY
    )
    event_for(org_a, rule, "bel@example.org", "1")
    send_due_invitations(now=DUE)
    assert smtp_inbox.messages == []
    assert Invitation.objects.get().not_invited_because == NotInvitedReason.NO_CONSENT


def test_withdrawn_consent_stops_the_reminder(org_a, smtp_inbox):
    rule = rule_for(org_a, QuestionnaireBasis.CONSENT)
    rule.reminder_after_days = 3
    rule.save()
    contact = make_contact(org_a, email="later@example.org")
    contacts_service.give_consent(
        contact,
        Purpose.SURVEY_INVITATIONS,
        legal_basis=LegalBasis.CONSENT,
        source=ConsentSource.PHONE,
    )
    event_for(org_a, rule, "later@example.org", "1")
    send_due_invitations(now=DUE)
    contacts_service.withdraw_consent(contact, Purpose.SURVEY_INVITATIONS)
    send_due_invitations(now=DUE + timedelta(days=4))
    assert len(smtp_inbox.messages) == 1
    invitation = Invitation.objects.get()
    assert invitation.status == "sent" and invitation.reminded_at is not None
    assert invitation.not_invited_because == NotInvitedReason.NO_CONSENT


@pytest.mark.parametrize("basis", [QuestionnaireBasis.PUBLIC_TASK, QuestionnaireBasis.CONSENT])
def test_opt_out_is_skipped_whatever_the_basis(org_a, smtp_inbox, basis):
    rule = rule_for(org_a, basis)
    contact = make_contact(org_a, email="nee@example.org")
    contacts_service.give_consent(
        contact,
        Purpose.SURVEY_INVITATIONS,
        legal_basis=LegalBasis.CONSENT,
        source=ConsentSource.PHONE,
    )
    contacts_service.opt_out(contact.opt_out_token)
    event_for(org_a, rule, "nee@example.org", "1")
    send_due_invitations(now=DUE)
    assert smtp_inbox.messages == []
    invitation = Invitation.objects.get()
    assert invitation.status == "opted_out"
    assert invitation.not_invited_because == NotInvitedReason.OPTED_OUT


def test_public_task_needs_no_consent(org_a, smtp_inbox):
    rule = rule_for(org_a, QuestionnaireBasis.PUBLIC_TASK)
    event_for(org_a, rule, "iedereen@example.org", "1")
    send_due_invitations(now=DUE)
    assert [m["To"] for m in smtp_inbox.messages] == ["iedereen@example.org"]
    assert Invitation.objects.get().not_invited_because == ""


def test_panel_invitation_on_consent_needs_panel_consent(org_a, smtp_inbox):
    rule = rule_for(org_a, QuestionnaireBasis.CONSENT)
    rule.questionnaire.services.add(rule.service)
    member = make_contact(org_a, "Lid Panel", email="lid@example.org")
    contacts_service.give_consent(
        member, Purpose.PANEL, legal_basis=LegalBasis.CONSENT, source=ConsentSource.WEB_FORM
    )
    surveys_only = make_contact(org_a, "Geen Lid", email="geen@example.org")
    contacts_service.give_consent(
        surveys_only,
        Purpose.SURVEY_INVITATIONS,
        legal_basis=LegalBasis.CONSENT,
        source=ConsentSource.WEB_FORM,
    )
    service.invite_panel(
        org_a, rule.questionnaire, [member, surveys_only], channels=["email"], send_at=DUE
    )
    send_due_invitations(now=DUE)
    assert [m["To"] for m in smtp_inbox.messages] == ["lid@example.org"]
    refused = Invitation.objects.get(contact=surveys_only)
    assert refused.not_invited_because == NotInvitedReason.NO_CONSENT
