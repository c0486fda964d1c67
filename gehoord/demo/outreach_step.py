"""Demo step: invitation rules, residents in the contact register, recent events and the
invitations they led to (sent, answered, expired, still to come).

The invitations follow the responses: every response the survey step marked as invited gets
its own answered invitation (same channel, service, provider, team and district), sent
shortly before it was submitted; unanswered invitations are added per rule and channel so
the response rate is RESPONSE_RATES[channel]. Names are generated from common Dutch first
and last names; addresses are not generated.
"""

from collections import Counter
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

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
from gehoord.surveys.models import Response, SurveyToken, TokenStatus

from . import survey_data as data

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
# Share of delivered invitations answered, per channel (a letter is answered least).
RESPONSE_RATES = {"email": 0.36, "sms": 0.31, "letter": 0.27}
# Days ahead for which invitations are already scheduled.
SCHEDULED_DAYS = 5
AGE_RANGES = {"18-34": (18, 34), "35-49": (35, 49), "50-64": (50, 64), "65-79": (65, 79)}


def seed_outreach(ctx) -> None:
    organisation = ctx.organisation
    if InvitationRule.objects.filter(organisation=organisation).exists():
        return
    zone = ZoneInfo(settings.TIME_ZONE)
    rules = {}
    for questionnaire in Questionnaire.objects.filter(organisation=organisation).prefetch_related(
        "services"
    ):
        service = questionnaire.services.first()
        wmo = (service.code or "").startswith("wmo")
        rules[questionnaire.pk] = InvitationRule.objects.create(
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
    answered = answered_plans(ctx, rules, zone)
    plans = answered + unanswered_plans(ctx, rules, zone, answered)
    plans += scheduled_plans(ctx, rules, zone, sends=len(plans))
    store(ctx, plans)


def send_moment(day, rule: InvitationRule, zone) -> datetime:
    return datetime.combine(day, time(rule.send_hour), tzinfo=zone)


def answered_plans(ctx, rules: dict, zone) -> list[dict]:
    """One answered invitation per response that came through one, sent before it."""
    rng, plans = ctx.rng, []
    invited = (
        Response.objects.filter(organisation=ctx.organisation)
        .exclude(invitation_channel="")
        .values_list(
            "questionnaire_id",
            "invitation_channel",
            "provider_id",
            "team_id",
            "district",
            "age_band",
            "submitted_at",
        )
        .order_by("submitted_at", "id")
    )
    for questionnaire_id, channel, provider_id, team_id, district, age_band, submitted in invited:
        rule = rules[questionnaire_id]
        # Most answer within days, some only after the reminder; never after it expired.
        days = min(int(rng.expovariate(1 / 3)), rule.expires_after_days - 1)
        local = timezone.localtime(submitted, zone)
        sent = send_moment(local.date() - timedelta(days=days), rule, zone)
        if sent > submitted:
            sent -= timedelta(days=1)
        reminded = sent + timedelta(days=rule.reminder_after_days)
        plans.append(
            {
                "rule": rule,
                "channel": channel,
                "provider_id": provider_id,
                "team_id": team_id,
                "district": district,
                "age_band": age_band,
                "due": sent,
                "status": InvitationStatus.RESPONDED,
                "reminded_at": reminded if reminded < submitted else None,
            }
        )
    return plans


def unanswered_plans(ctx, rules: dict, zone, answered: list[dict]) -> list[dict]:
    """Per rule and channel, as many unanswered invitations as make its response rate."""
    rng, now, plans = ctx.rng, ctx.now, []
    counts = Counter((plan["rule"].pk, plan["channel"]) for plan in answered)
    providers = {
        rule.pk: list(rule.service.providers.values_list("pk", flat=True))
        for rule in rules.values()
    }
    teams = [t.pk for t in ctx.made["teams"]]
    for rule in rules.values():
        for channel, rate in RESPONSE_RATES.items():
            count = round(counts[(rule.pk, channel)] * (1 - rate) / rate)
            for _ in range(count):
                day = ctx.today - timedelta(days=rng.randrange(data.OUTREACH_DAYS))
                sent = send_moment(day, rule, zone)
                if sent > now:
                    sent -= timedelta(days=1)
                age = (now - sent).days
                status, reminded = InvitationStatus.SENT, None
                if age > rule.expires_after_days:
                    status = InvitationStatus.EXPIRED
                if age > rule.reminder_after_days:
                    reminded = sent + timedelta(days=rule.reminder_after_days)
                    if status == InvitationStatus.SENT:
                        status = InvitationStatus.REMINDED
                plans.append(
                    {
                        "rule": rule,
                        "channel": channel,
                        "provider_id": rng.choice(providers[rule.pk] or [None]),
                        "team_id": rng.choice(teams or [None]),
                        "district": rng.choice(data.DISTRICTS),
                        "age_band": rng.choice(data.AGE_BANDS),
                        "due": sent,
                        "status": status,
                        "reminded_at": reminded,
                    }
                )
    return plans


def scheduled_plans(ctx, rules: dict, zone, sends: int) -> list[dict]:
    """Invitations still to go out in the coming days, at the pace of the past ones."""
    rng, plans = ctx.rng, []
    # At least one every other day, so even a tiny demo has a queue.
    per_rule_day = max(0.5, sends / max(1, len(rules)) / data.OUTREACH_DAYS)
    for rule in rules.values():
        # Its event has already happened: never further ahead than the rule's delay.
        for ahead in range(min(SCHEDULED_DAYS, rule.delay_days) + 1):
            due = send_moment(ctx.today + timedelta(days=ahead), rule, zone)
            if due <= ctx.now:
                continue
            for _ in range(round(per_rule_day * rng.uniform(0.6, 1.4))):
                plans.append(
                    {
                        "rule": rule,
                        "channel": "",
                        "provider_id": None,
                        "team_id": None,
                        "district": rng.choice(data.DISTRICTS),
                        "age_band": rng.choice(data.AGE_BANDS),
                        "due": due,
                        "status": InvitationStatus.SCHEDULED,
                        "reminded_at": None,
                    }
                )
    return plans


def birth_year(rng, age_band: str, year: int) -> int:
    low, high = AGE_RANGES.get(age_band, (80, 96))
    return year - rng.randint(low, high)


def store(ctx, plans: list[dict]) -> None:
    """A resident, the event and the invitation (with its survey link) for each plan."""
    organisation, rng = ctx.organisation, ctx.rng
    contacts = Contact.objects.bulk_create(
        Contact(
            organisation=organisation,
            name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            email=f"inwoner{i}@{ctx.spec.email_domain}",
            mobile=f"06{rng.randrange(10**8):08d}" if plan["channel"] == "sms" else "",
            district=plan["district"],
            birth_year=birth_year(rng, plan["age_band"], ctx.today.year),
        )
        for i, plan in enumerate(plans)
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
    events = ServiceEvent.objects.bulk_create(
        ServiceEvent(
            organisation=organisation,
            contact=contact,
            service=plan["rule"].service,
            kind=plan["rule"].event_kind,
            occurred_on=plan["due"].date() - timedelta(days=plan["rule"].delay_days),
            provider_id=plan["provider_id"],
            team_id=plan["team_id"],
            source=EventSource.API,
            external_id=f"demo-{index}",
        )
        for index, (contact, plan) in enumerate(zip(contacts, plans, strict=True))
    )
    invitations = [
        Invitation(
            organisation=organisation,
            contact=contact,
            event=event,
            rule=plan["rule"],
            due_at=plan["due"],
            status=plan["status"],
            channel=plan["channel"],
            sent_at=None if plan["status"] == InvitationStatus.SCHEDULED else plan["due"],
            reminded_at=plan["reminded_at"],
        )
        for contact, event, plan in zip(contacts, events, plans, strict=True)
    ]
    attach_survey_links(invitations)
    Invitation.objects.bulk_create(invitations)


def attach_survey_links(invitations: list[Invitation]) -> None:
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
            provider_id=invitation.event.provider_id,
            team_id=invitation.event.team_id,
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
