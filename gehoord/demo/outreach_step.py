"""Demo step: invitation rules, residents in the contact register, recent events and the
invitations they led to (sent, answered, expired, still to come).

Names are generated from common Dutch first and last names; addresses are not generated.
Response counts follow a response rate of about 35 %, like the survey data.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

from gehoord.contacts.models import Consent, ConsentSource, Contact, LegalBasis, Purpose
from gehoord.framework import service as framework_service
from gehoord.framework.models import Questionnaire
from gehoord.outreach.models import (
    EventKind,
    EventSource,
    Invitation,
    InvitationRule,
    InvitationStatus,
    ServiceEvent,
)
from gehoord.surveys import service as survey_service
from gehoord.surveys.models import SurveyToken, TokenStatus

FIRST_NAMES = [
    "Anna",
    "Bram",
    "Daan",
    "Emma",
    "Fatima",
    "Hanneke",
    "Jan",
    "Joris",
    "Julia",
    "Kees",
    "Lotte",
    "Mohamed",
    "Noor",
    "Pieter",
    "Sanne",
    "Sem",
    "Tess",
    "Yusuf",
]
LAST_NAMES = [
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "Yilmaz",
    "El Amrani",
    "Bos",
    "Vos",
    "Peters",
]
DAYS = 60
RESPONSE_RATE = 0.35


def seed_outreach(ctx) -> None:
    organisation = ctx.organisation
    if InvitationRule.objects.filter(organisation=organisation).exists():
        return
    rng, zone = ctx.rng, ZoneInfo(settings.TIME_ZONE)
    rules = []
    for questionnaire in Questionnaire.objects.filter(organisation=organisation).prefetch_related(
        "services"
    ):
        service = questionnaire.services.first()
        wmo = (service.code or "").startswith("wmo")
        rules.append(
            InvitationRule.objects.create(
                organisation=organisation,
                service=service,
                questionnaire=questionnaire,
                event_kind=EventKind.STARTED if wmo else EventKind.COMPLETED,
                delay_days=90 if wmo else 1,
                send_hour=10,
                channels=["email", "sms", "letter"],
                reminder_after_days=7,
                expires_after_days=30,
            )
        )
    per_day = max(1, round(len(rules) * 3 * ctx.volume))
    contacts = Contact.objects.bulk_create(
        Contact(
            organisation=organisation,
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            email=f"inwoner{i}@{ctx.spec.email_domain}",
            district=rng.choice(["Centrum", "Noord", "Oost", "Zuid", "West", "Buitengebied"]),
            birth_year=rng.randint(1935, 2005),
        )
        for i in range(per_day * DAYS)
    )
    Consent.objects.bulk_create(
        Consent(
            contact=c,
            purpose=Purpose.PANEL,
            legal_basis=LegalBasis.CONSENT,
            source=ConsentSource.SURVEY,
            given_at=ctx.now,
        )
        for c in contacts
        if rng.random() < 0.2
    )
    today, now = ctx.today, ctx.now
    events, plans = [], []
    for index, contact in enumerate(contacts):
        rule = rng.choice(rules)
        occurred = today - timedelta(days=(index % DAYS) + rng.randint(0, rule.delay_days))
        events.append(
            ServiceEvent(
                organisation=organisation,
                contact=contact,
                service=rule.service,
                kind=rule.event_kind,
                occurred_on=occurred,
                source=EventSource.API,
                external_id=f"demo-{index}",
            )
        )
        plans.append(rule)
    ServiceEvent.objects.bulk_create(events)
    invitations = []
    for event, rule in zip(events, plans, strict=True):
        due = datetime.combine(
            event.occurred_on + timedelta(days=rule.delay_days), time(rule.send_hour), tzinfo=zone
        )
        invitation = Invitation(
            organisation=organisation,
            contact=event.contact,
            event=event,
            rule=rule,
            due_at=due,
            channel="email",
        )
        if due > now:
            invitation.status, invitation.channel = InvitationStatus.SCHEDULED, ""
        else:
            invitation.sent_at = due
            age = (now - due).days
            if rng.random() < RESPONSE_RATE:
                invitation.status = InvitationStatus.RESPONDED
            elif age > rule.expires_after_days:
                invitation.status = InvitationStatus.EXPIRED
            elif age > rule.reminder_after_days:
                invitation.status, invitation.reminded_at = (
                    InvitationStatus.REMINDED,
                    due + timedelta(days=rule.reminder_after_days),
                )
            else:
                invitation.status = InvitationStatus.SENT
        invitations.append(invitation)
    attach_survey_links(invitations, now)
    Invitation.objects.bulk_create(invitations)


def attach_survey_links(invitations: list[Invitation], now) -> None:
    """Every invitation that went out has its own survey link, as in real dispatch."""
    sent = [i for i in invitations if i.status != InvitationStatus.SCHEDULED]
    versions = {}
    tokens = []
    for invitation in sent:
        questionnaire = invitation.rule.questionnaire
        if questionnaire.pk not in versions:
            versions[questionnaire.pk] = framework_service.latest_published(questionnaire)
        token = SurveyToken(
            organisation_id=invitation.organisation_id,
            questionnaire=questionnaire,
            version=versions[questionnaire.pk],
            service_id=invitation.event.service_id,
            district=invitation.contact.district,
            invitation_channel=invitation.channel,
            expires_at=invitation.sent_at + timedelta(days=invitation.rule.expires_after_days),
        )
        if invitation.status == InvitationStatus.RESPONDED:
            # As a real submit leaves it: completed, and nothing kept to match a response by.
            token.status = TokenStatus.COMPLETED
            for name, value in survey_service.FORGOTTEN.items():
                setattr(token, name, value)
        tokens.append(token)
    SurveyToken.objects.bulk_create(tokens)
    for invitation, token in zip(sent, tokens, strict=True):
        invitation.token = token
