"""Use cases of signals, follow-ups and coding (transactional; views and tasks call these)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.utils import timezone

from gehoord.tenancy import events
from gehoord.tenancy import query as tenancy_query
from gehoord.tenancy.models import Organisation

from . import classifier, deadlines, receipts, training
from .models import (
    CallLogEntry,
    Coding,
    FeedbackSettings,
    FollowUp,
    FollowUpReason,
    FollowUpStatus,
    Signal,
    SignalKind,
    SignalSource,
    Theme,
    ThemeClassifier,
)
from .retention import blank_decided_signal_texts as blank_decided_signal_texts
from .retention import purge_closed_follow_ups as purge_closed_follow_ups
from .themes import DEFAULT_THEMES

# Kinds that always need a person to contact the resident when contact details are given.
CONTACT_KINDS = frozenset({SignalKind.COMPLAINT, SignalKind.OBJECTION})


def settings_of(organisation: Organisation) -> FeedbackSettings:
    try:
        return FeedbackSettings.objects.get(organisation=organisation)
    except FeedbackSettings.DoesNotExist:
        try:
            with transaction.atomic():
                return FeedbackSettings.objects.create(organisation=organisation)
        except IntegrityError:  # created by a concurrent request
            return FeedbackSettings.objects.get(organisation=organisation)


def install_themes(organisation: Organisation) -> list[Theme]:
    """Seed the default taxonomy (idempotent: existing codes are kept as they are)."""
    existing = set(Theme.objects.filter(organisation=organisation).values_list("code", flat=True))
    Theme.objects.bulk_create(
        [
            Theme(
                organisation=organisation,
                code=code,
                name=name,
                principle=principle,
                position=position,
            )
            for position, (code, name, principle) in enumerate(DEFAULT_THEMES, start=1)
            if code not in existing
        ],
        ignore_conflicts=True,
    )
    codes = [code for code, _, _ in DEFAULT_THEMES]
    by_code = {t.code: t for t in Theme.objects.filter(organisation=organisation, code__in=codes)}
    return [by_code[code] for code in codes]


def ensure_themes(organisation: Organisation) -> None:
    """Seed the taxonomy the first time an organisation codes anything."""
    if not Theme.objects.filter(organisation=organisation).exists():
        install_themes(organisation)


def _apply_deadline(signal: Signal, settings: FeedbackSettings) -> None:
    signal.due_on = deadlines.due_date(
        signal.kind,
        signal.received_on,
        settings,
        advisory_committee=signal.advisory_committee,
        extended=signal.extended,
    )


@transaction.atomic
def record_signal(
    organisation: Organisation,
    *,
    kind: str,
    text: str,
    received_on: date,
    source: str = SignalSource.STAFF,
    created_by=None,
    contact: dict[str, str] | None = None,
    **fields: Any,
) -> Signal:
    """Store a signal with its deadline; with contact details (and consent), a follow-up.
    A signal sent in through the public form or the API gets a receipt number."""
    signal = Signal(
        organisation=organisation,
        kind=kind,
        text=text,
        received_on=received_on,
        source=source,
        created_by=created_by,
        **fields,
    )
    _apply_deadline(signal, settings_of(organisation))
    signal.full_clean(exclude=["organisation"])
    if source in (SignalSource.PUBLIC_FORM, SignalSource.API):
        signal.receipt_number = receipts.next_number(organisation)
    signal.save()
    # Ids and dates only: never the text or who sent it (see gehoord/tenancy/events.py).
    events.emit(
        organisation.pk,
        "signal.received",
        f"signal/{signal.pk}",
        {
            "signal": signal.pk,
            "kind": signal.kind,
            "source": signal.source,
            "due_on": signal.due_on.isoformat() if signal.due_on else None,
        },
    )
    if contact and (contact.get("email") or contact.get("phone")):
        follow_up_signal(signal, contact)
    return signal


@transaction.atomic
def save_signal(signal: Signal) -> Signal:
    """Save changes made by staff (kind, dates, term) and recompute the deadline."""
    _apply_deadline(signal, settings_of(signal.organisation))
    signal.save()
    return signal


def extend_term(signal: Signal) -> Signal:
    signal.extended = True
    return save_signal(signal)


def decide_signal(signal: Signal, outcome: str, decided_on: date) -> Signal:
    signal.outcome, signal.decided_on = outcome, decided_on
    return save_signal(signal)


# Follow-ups ---------------------------------------------------------------------------


def follow_up_signal(signal: Signal, contact: dict[str, str]) -> FollowUp:
    """A follow-up to contact the resident about `signal` (idempotent per signal)."""
    settings = settings_of(signal.organisation)
    follow_up, created = FollowUp.objects.get_or_create(
        signal=signal,
        defaults={
            "organisation": signal.organisation,
            "reason": FollowUpReason.SIGNAL,
            "service": signal.service,
            "team": signal.team,
            "due_on": deadlines.follow_up_due(timezone.localdate(), settings),
            **_contact_fields(contact),
        },
    )
    if created:
        _follow_ups_created([follow_up])
    return follow_up


def _follow_ups_created(follow_ups: list[FollowUp]) -> None:
    # Ids, reason and due date only: never the contact details.
    for follow_up in follow_ups:
        events.emit(
            follow_up.organisation_id,
            "followup.created",
            f"followup/{follow_up.pk}",
            {
                "followup": follow_up.pk,
                "reason": follow_up.reason,
                "response": str(follow_up.response_id) if follow_up.response_id else None,
                "signal": follow_up.signal_id,
                "due_on": follow_up.due_on.isoformat() if follow_up.due_on else None,
            },
            id=f"followup-created-{follow_up.pk}",
        )


def _contact_fields(contact: dict[str, Any]) -> dict[str, Any]:
    return {
        "contact_name": contact.get("name", "")[:200],
        "contact_email": contact.get("email", "")[:254],
        "contact_phone": contact.get("phone", "")[:20],
        "consent_at": timezone.now() if contact.get("consent") else None,
    }


class NoCallBackAsked(Exception):
    """The response did not ask to be contacted, so there is nothing to add details to."""


class CallBackDetailsGiven(Exception):
    """Details were already left through this response's call-back link (it works once)."""


def call_back_details_given(response) -> bool:
    """Whether the resident already left details through the response's call-back link."""
    return FollowUp.objects.filter(
        response_id=response.pk, reason=FollowUpReason.CALL_BACK, details_given_at__isnull=False
    ).exists()


@transaction.atomic
def record_call_back_details(response, contact: dict[str, Any]) -> FollowUp:
    """Store how a surveyed resident who asked to be contacted can be reached.

    The details go into the follow-up of their response (made here if the pick-up task
    has not run yet), never into the response: answers stay pseudonymous. The link works
    once: details already given raise `CallBackDetailsGiven` and change nothing.
    """
    from gehoord.surveys import query as surveys_query

    def locked_follow_up() -> FollowUp | None:
        return (
            FollowUp.objects.select_for_update()
            .filter(response_id=response.pk, reason=FollowUpReason.CALL_BACK)
            .first()
        )

    follow_up = locked_follow_up()
    if follow_up is None:  # the pick-up task has not seen this response yet
        follow_up_responses(surveys_query.responses_by_id([response.pk]), max_age=None)
        follow_up = locked_follow_up()
    if follow_up is None:
        raise NoCallBackAsked(response.pk)
    if follow_up.details_given_at is not None:  # checked under the row lock: once only
        raise CallBackDetailsGiven(response.pk)
    fields = {**_contact_fields(contact), "details_given_at": timezone.now()}
    for name, value in fields.items():
        setattr(follow_up, name, value)
    follow_up.save(update_fields=list(fields))
    return follow_up


GRADE_TYPE = "grade"

# Older responses are not followed up: a call about a visit of months ago helps nobody.
MAX_RESPONSE_AGE = timedelta(days=30)


def follow_up_rules(grade: int | None, call_back: bool, threshold: int) -> str | None:
    """The reason a response needs a follow-up, or None. A call-back request wins."""
    if call_back:
        return FollowUpReason.CALL_BACK
    if grade is not None and grade <= threshold:
        return FollowUpReason.LOW_GRADE
    return None


def follow_up_responses(
    responses, *, now: datetime | None = None, max_age: timedelta | None = MAX_RESPONSE_AGE
) -> int:
    """Create the follow-ups that `responses` call for; returns how many were new.

    Idempotent: a response has at most one follow-up (unique), so overlapping pick-ups
    and concurrent workers create nothing twice.
    """
    from gehoord.surveys import query as surveys_query

    now = now or timezone.now()
    rows = list(
        responses.values(
            "pk", "organisation_id", "submitted_at", "received_at", "service_id", "team_id"
        )
    )
    if max_age is not None:
        rows = [r for r in rows if r["submitted_at"] >= now - max_age]
    if not rows:
        return 0
    ids = [r["pk"] for r in rows]
    grades: dict = {}
    call_backs: set = set()
    for answer in surveys_query.answers_of_responses(
        ids, item_types=[GRADE_TYPE], question_codes=[surveys_query.CALL_BACK_QUESTION]
    ).values("response_id", "item__type", "question__code", "value_number"):
        if answer["value_number"] is None:
            continue
        if answer["question__code"] == surveys_query.CALL_BACK_QUESTION:
            if int(answer["value_number"]) == 1:
                call_backs.add(answer["response_id"])
        elif answer["item__type"] == GRADE_TYPE:
            grades[answer["response_id"]] = int(answer["value_number"])
    settings_by_org = {}
    new = []
    for row in rows:
        org_id = row["organisation_id"]
        if org_id not in settings_by_org:
            settings_by_org[org_id] = settings_of(Organisation(pk=org_id))
        settings = settings_by_org[org_id]
        reason = follow_up_rules(
            grades.get(row["pk"]), row["pk"] in call_backs, settings.low_grade_threshold
        )
        if reason is None:
            continue
        # The clock starts when the response reaches us (imports may be older).
        received = timezone.localtime(row["received_at"]).date()
        new.append(
            FollowUp(
                organisation_id=org_id,
                reason=reason,
                response_id=row["pk"],
                grade=grades.get(row["pk"]),
                service_id=row["service_id"],
                team_id=row["team_id"],
                due_on=deadlines.follow_up_due(received, settings),
            )
        )
    existing = set(
        FollowUp.objects.filter(response_id__in=[f.response_id for f in new]).values_list(
            "response_id", flat=True
        )
    )
    new = [f for f in new if f.response_id not in existing]
    FollowUp.objects.bulk_create(new, ignore_conflicts=True, batch_size=500)
    if new:  # ignore_conflicts leaves the primary keys unset: read them back
        _follow_ups_created(
            list(FollowUp.objects.filter(response_id__in=[f.response_id for f in new]))
        )
    return len(new)


PICKUP_WATERMARK = "feedback.responses"
PICKUP_OVERLAP = timedelta(minutes=5)


def pick_up_new_responses(now: datetime | None = None) -> int:
    """Follow up responses received since the last pick-up (with an overlap, since a
    transaction may commit a response with an earlier received_at after we read)."""
    from gehoord.surveys import query as surveys_query

    from .models import Watermark

    now = now or timezone.now()
    mark = Watermark.objects.filter(name=PICKUP_WATERMARK).first()
    start = (mark.value - PICKUP_OVERLAP) if mark else now - MAX_RESPONSE_AGE
    created = follow_up_responses(surveys_query.received_between(start, now), now=now)
    Watermark.objects.update_or_create(name=PICKUP_WATERMARK, defaults={"value": now})
    return created


def assign(follow_up: FollowUp, owner) -> FollowUp:
    follow_up.owner = owner
    if follow_up.status == FollowUpStatus.OPEN and owner is not None:
        follow_up.status = FollowUpStatus.IN_PROGRESS
    follow_up.save(update_fields=["owner", "status"])
    return follow_up


@transaction.atomic
def log_call(
    follow_up: FollowUp, *, result: str, note: str = "", by=None, at: datetime | None = None
) -> CallLogEntry:
    entry = CallLogEntry.objects.create(
        follow_up=follow_up, result=result, note=note, by=by, at=at or timezone.now()
    )
    if follow_up.status == FollowUpStatus.OPEN:
        follow_up.status = FollowUpStatus.IN_PROGRESS
        follow_up.save(update_fields=["status"])
    return entry


def close_follow_up(follow_up: FollowUp, outcome: str, *, at: datetime | None = None) -> FollowUp:
    follow_up.status, follow_up.outcome = FollowUpStatus.CLOSED, outcome
    follow_up.closed_at = at or timezone.now()
    follow_up.save(update_fields=["status", "outcome", "closed_at"])
    return follow_up


def send_message_back(follow_up: FollowUp, message: str, subject: str) -> bool:
    """Store the message; e-mail it when the resident gave an address and consent.
    Returns whether it was e-mailed."""
    follow_up.message_back = message
    sent = False
    if follow_up.contact_email and follow_up.consent_at:
        sender = tenancy_query.resident_mail_sender(follow_up.organisation)
        EmailMessage(
            subject, message, sender.from_email, [follow_up.contact_email], reply_to=sender.reply_to
        ).send()
        follow_up.message_sent_at, sent = timezone.now(), True
    follow_up.save(update_fields=["message_back", "message_sent_at"])
    return sent


# Coding -------------------------------------------------------------------------------


@transaction.atomic
def set_codes(
    organisation: Organisation,
    *,
    signal: Signal | None = None,
    answer=None,
    themes: list[Theme],
    principles: list[str],
    by=None,
    suggested: frozenset[int] = frozenset(),
) -> None:
    """Replace the codes of one text (a signal or an open answer) by the chosen ones."""
    if (signal is None) == (answer is None):
        raise ValueError("code either a signal or an answer")
    target = {"signal": signal} if signal is not None else {"answer": answer}
    Coding.objects.filter(organisation=organisation, **target).delete()
    Coding.objects.bulk_create(
        [
            Coding(
                organisation=organisation,
                theme=t,
                coded_by=by,
                from_suggestion=t.pk in suggested,
                **target,
            )
            for t in themes
        ]
        + [
            Coding(organisation=organisation, principle=p, coded_by=by, **target)
            for p in principles
        ]
    )


def train_theme_classifier(organisation: Organisation) -> ThemeClassifier | None:
    """Train the theme suggestions on the coded texts; None while there are too few examples
    (not an error: the themes page says how many are needed)."""
    try:
        return classifier.train(organisation)
    except classifier.NotEnoughExamples:
        return None


def request_classifier_training(organisation: Organisation) -> None:
    """Queue training of the theme suggestions (the themes page's button)."""
    training.schedule_training(organisation.pk)


@transaction.atomic
def forget_classifier_training_before(
    organisation: Organisation, cutoff: date, *, dry_run: bool = False
) -> int:
    """Retention of the classifier's training data: from now on the theme classifier never
    learns from signals received or answers given before `cutoff` (the cutoff only moves
    forward). A stored model that learned from older texts is discarded and a retrain is
    queued for after the commit. Returns the number of stored models discarded (0 or 1),
    for the retention task's count; `dry_run` only counts (the retention screen's preview)."""
    return training.forget_before(settings_of(organisation), cutoff, dry_run=dry_run)
