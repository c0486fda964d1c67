"""Demo step: a year of signals and follow-ups consistent with the survey data.

Complaints follow the surveys: per service and month, each driver's share of poor answers
(1–2 on the 5-point scale) sets how many complaints arise and what they are about, so the
themes that score badly in the surveys are also the themes residents complain about.
Part of the complaints and open answers are coded by theme, so the classifier has
examples. Follow-ups come from the year's low grades and call-back requests through the
real rules (feedback.service); older ones were handled, mostly in time, by the team lead.
"""

from collections import defaultdict
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from gehoord.contacts.models import Contact
from gehoord.feedback import query as feedback_query
from gehoord.feedback import service as feedback_service
from gehoord.feedback.models import (
    CallLogEntry,
    CallResult,
    Coding,
    FollowUp,
    FollowUpStatus,
    Outcome,
    Signal,
    SignalChannel,
    SignalKind,
    SignalSource,
)
from gehoord.surveys.models import Answer, Response

from . import feedback_texts as texts
from .survey_data import IMPROVE_TEXTS

MONTHS = 12
CODED_SHARE = 0.7
DECISION_KINDS = ("bijstand", "wmo", "omgevingsvergunning")


def driver_badness(organisation, since) -> dict:
    """{(service id, month): {driver code: (poor answers, answers)}} from the surveys."""
    rows = (
        Answer.objects.filter(
            response__organisation=organisation,
            response__submitted_at__gte=since,
            question__driver__isnull=False,
            value_number__isnull=False,
        )
        .annotate(month=TruncMonth("response__submitted_at"))
        .values("response__service_id", "month", "question__driver__code")
        .annotate(n=Count("pk"), poor=Count("pk", filter=Q(value_number__lte=2)))
    )
    table: dict = defaultdict(dict)
    for row in rows:
        month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        key = (row["response__service_id"], month.replace(day=1))
        table[key][row["question__driver__code"]] = (row["poor"], row["n"])
    return table


def fill(rng, template: str, service, names: list[str]) -> str:
    text = template.format(weeks=rng.randint(3, 14), service=service.name.lower())
    if rng.random() < 0.12:
        tail = rng.choice(texts.PERSONAL_TAILS)
        text += tail.format(
            phone=rng.randint(10_000_000, 99_999_999),
            email=f"inwoner{rng.randint(1, 999)}@example.org",
            name=rng.choice(names) if names else "Jan de Vries",
            number=rng.randint(1, 120),
        )
    return text


def decide(rng, signal: Signal, today) -> None:
    """Most past-deadline signals were decided, a few late; some are still open."""
    if signal.due_on is None:
        return
    term = (signal.due_on - signal.received_on).days
    if signal.due_on >= today and rng.random() < 0.7:
        return
    if signal.due_on < today and rng.random() < 0.03:
        return  # left open past its deadline: shows on the overdue list
    late = rng.random() < 0.12
    days = term + rng.randint(1, 20) if late else rng.randint(term // 3, term)
    decided = signal.received_on + timedelta(days=days)
    if decided > today:
        return
    signal.decided_on = decided
    signal.outcome = rng.choices(
        [Outcome.WELL_FOUNDED, Outcome.PARTLY, Outcome.UNFOUNDED, Outcome.WITHDRAWN],
        weights=[0.35, 0.2, 0.35, 0.1],
    )[0]


def seed_signals(ctx, today, services, teams, themes) -> None:
    organisation, rng = ctx.organisation, ctx.rng
    settings = feedback_service.settings_of(organisation)
    first = (today.replace(day=1) - timedelta(days=365)).replace(day=1)
    badness = driver_badness(
        organisation, datetime.combine(first, time(0), tzinfo=timezone.get_current_timezone())
    )
    names = list(
        Contact.objects.filter(organisation=organisation)
        .exclude(name="")
        .values_list("name", flat=True)[:200]
    )
    signals, theme_of = [], []
    for service in services:
        decisions = any(service.code and service.code.startswith(p) for p in DECISION_KINDS)
        month = first
        while month <= today:
            drivers = badness.get((service.pk, month), {})
            poor = {d: p for d, (p, n) in drivers.items()}
            total = sum(n for _, n in drivers.values()) or 1
            poor_share = sum(poor.values()) / total
            mean = 10 * ctx.volume * (0.5 + 4 * poor_share)
            count = max(1, round(rng.gauss(mean, mean * 0.3)))
            weights = {
                texts.THEME_OF_DRIVER[d]: p + 0.5
                for d, p in poor.items()
                if d in texts.THEME_OF_DRIVER
            }
            for theme in ("formulieren", "afspraken-nakomen"):
                weights[theme] = 0.1 * (sum(weights.values()) or 1)
            end = min(today, (month + timedelta(days=32)).replace(day=1) - timedelta(days=1))

            def day():
                return month + timedelta(days=rng.randint(0, (end - month).days))  # noqa: B023

            for _ in range(count):
                theme = rng.choices(list(weights), weights=list(weights.values()))[0]
                template = rng.choice(texts.COMPLAINT_TEXTS[theme])
                signals.append(
                    (SignalKind.COMPLAINT, day(), fill(rng, template, service, names), service)
                )
                theme_of.append(theme)
            extra = [
                (
                    SignalKind.COMPLIMENT,
                    texts.COMPLIMENT_TEXTS,
                    max(1, round(count * (1 - poor_share) * 0.6)),
                ),
                (SignalKind.FEEDBACK, texts.FEEDBACK_TEXTS, round(count * 0.3 + rng.random())),
                (SignalKind.CONTACT_NOTE, texts.CONTACT_NOTES, round(count * 0.2 + rng.random())),
            ]
            if decisions:
                extra.append(
                    (SignalKind.OBJECTION, texts.OBJECTION_TEXTS, round(count * 0.4 + rng.random()))
                )
            for kind, pool, n in extra:
                for _ in range(n):
                    signals.append(
                        (kind, day(), fill(rng, rng.choice(pool), service, names), service)
                    )
                    theme_of.append(None)
            month = end + timedelta(days=1)
    objects = []
    for kind, received_on, text, service in signals:
        signal = Signal(
            organisation=organisation,
            kind=kind,
            received_on=received_on,
            text=text,
            service=service,
            source=SignalSource.DEMO,
            team=rng.choice(teams) if teams else None,
            channel=rng.choice(list(SignalChannel.values)),
            advisory_committee=kind == SignalKind.OBJECTION and rng.random() < 0.3,
        )
        signal.extended = signal.kind == SignalKind.COMPLAINT and rng.random() < 0.08
        signal.due_on = feedback_query.signal_due_date(
            signal.kind,
            received_on,
            settings,
            advisory_committee=signal.advisory_committee,
            extended=signal.extended,
        )
        decide(rng, signal, today)
        objects.append(signal)
    Signal.objects.bulk_create(objects, batch_size=1000)
    codings = []
    for signal, theme in zip(objects, theme_of, strict=True):
        if theme and rng.random() < CODED_SHARE:
            codings.append(Coding(organisation=organisation, signal=signal, theme=themes[theme]))
            if rng.random() < 0.5 and themes[theme].principle:
                codings.append(
                    Coding(
                        organisation=organisation, signal=signal, principle=themes[theme].principle
                    )
                )
    Coding.objects.bulk_create(codings, batch_size=1000)


def code_open_answers(ctx, themes) -> None:
    """Code a share of the "wat kan beter" answers whose theme is known from the generator."""
    theme_of_text = {
        text: texts.THEME_OF_DRIVER[driver]
        for driver, pool in IMPROVE_TEXTS.items()
        for text in pool
    }
    answers = Answer.objects.filter(
        response__organisation=ctx.organisation, question__code="core_improve"
    ).values_list("pk", "value_text")
    codings = [
        Coding(organisation=ctx.organisation, answer_id=pk, theme=themes[theme_of_text[text]])
        for pk, text in answers
        if text in theme_of_text and ctx.rng.random() < 0.3
    ]
    Coding.objects.bulk_create(codings, batch_size=2000)


def seed_follow_ups(ctx, today, now) -> None:
    organisation, rng = ctx.organisation, ctx.rng
    year_ago = now - timedelta(days=365)
    responses = Response.objects.filter(organisation=organisation, submitted_at__gte=year_ago)
    feedback_service.follow_up_responses(responses, now=now, max_age=None)
    settings = feedback_service.settings_of(organisation)
    lead = get_user_model().objects.filter(username=f"teamleider@{ctx.spec.email_domain}").first()
    follow_ups = list(
        FollowUp.objects.filter(organisation=organisation, response__isnull=False).select_related(
            "response"
        )
    )
    calls = []
    for follow_up in follow_ups:
        received = timezone.localtime(follow_up.response.submitted_at)
        follow_up.created_at = received
        follow_up.due_on = feedback_query.follow_up_due_date(received.date(), settings)
        if follow_up.due_on >= today - timedelta(days=2):
            continue  # recent: still in the queue
        follow_up.owner = lead
        in_time = rng.random() < 0.85
        days = (
            rng.randint(0, max(0, (follow_up.due_on - received.date()).days))
            if in_time
            else (follow_up.due_on - received.date()).days + rng.randint(1, 10)
        )
        closed = received + timedelta(days=days, hours=rng.randint(1, 6))
        if closed.date() >= today:
            continue
        follow_up.status, follow_up.closed_at = FollowUpStatus.CLOSED, closed
        follow_up.outcome = rng.choice(texts.FOLLOW_UP_OUTCOMES)
        if rng.random() < 0.3:
            calls.append(
                CallLogEntry(
                    follow_up=follow_up,
                    by=lead,
                    result=CallResult.NO_ANSWER,
                    at=received + timedelta(days=max(0, days - 1), hours=1),
                )
            )
        calls.append(
            CallLogEntry(
                follow_up=follow_up,
                by=lead,
                result=CallResult.REACHED,
                at=closed,
                note=follow_up.outcome,
            )
        )
    FollowUp.objects.bulk_update(
        follow_ups,
        ["created_at", "due_on", "owner", "status", "closed_at", "outcome"],
        batch_size=1000,
    )
    CallLogEntry.objects.bulk_create(calls, batch_size=1000)


def seed_feedback(ctx) -> None:
    organisation = ctx.organisation
    if Signal.objects.filter(organisation=organisation).exists():
        return
    now, today = ctx.now, ctx.today
    themes = {t.code: t for t in feedback_service.install_themes(organisation)}
    services = list(ctx.made["services"].values())
    seed_signals(ctx, today, services, ctx.made["teams"], themes)
    code_open_answers(ctx, themes)
    seed_follow_ups(ctx, today, now)
    # Trained once here, so the coding screen suggests themes from the first visit.
    feedback_service.train_theme_classifier(organisation)
