"""The nightly retention run: every retention period of an organisation, applied at once.

Insights is the highest floor that keeps data with a retention period (the text analyses'
quotes of open answers), so the run that calls each store's own use case lives here
(contacts, surveys, outreach, feedback and insights each keep their selection and deletion
in their own app). The same function answers "what
would the next run remove?" with `dry_run=True`: each use case then counts the rows it
would change with the very selection it changes, so the preview and the run cannot
disagree. The steps run in this order because no later step's selection depends on what
an earlier one removed (see `outreach.retention.expired_events`).

Which period covers what (Organisation fields; DESIGN.md §4):
- `retention_days_followups`: follow-ups closed longer ago are deleted.
- `retention_days_open_answers`: open answers of older responses and the text and
  reference of signals decided longer ago are blanked; text analyses of periods that
  ended longer ago (they quote open answers) are deleted.
- `retention_days_contacts`: service events (with their invitations) are deleted, though
  never within `quarantine_days`, which is read from old invitations; contacts inactive
  that long (see `contacts.query.inactive_since`, `outreach.query.in_touch_since`) and
  without an open follow-up are erased through the erasure path, so every store that
  keeps their details hears of it (`contacts.service.contact_erased`).

Each real run writes one audit-log entry per organisation with the counts (no personal
data), which is also where the screen finds the last run.
"""

from datetime import datetime, time, timedelta

from auditlog.models import LogEntry
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from gehoord.contacts import query as contacts_query
from gehoord.contacts import service as contacts_service
from gehoord.contacts.models import Contact
from gehoord.feedback import query as feedback_query
from gehoord.feedback import service as feedback_service
from gehoord.outreach import query as outreach_query
from gehoord.outreach import service as outreach_service
from gehoord.surveys import service as surveys_service
from gehoord.tenancy.models import Organisation

from .retention import purge_text_analyses

# Local time of the nightly run (after the exports' purge at 03:15, before anyone works).
RUN_AT = time(3, 30)
# The counts of a run, in the order the screen and the audit entry show them.
STORES = (
    "follow_ups",
    "signal_texts",
    "open_answers",
    "text_analyses",
    "classifier_models",
    "service_events",
    "invitations",
    "contacts",
)
AUDIT_MARK = "retention_run"


def expired_contacts(organisation: Organisation, before: datetime) -> QuerySet[Contact]:
    """Contacts inactive since `before` in the register and in outreach, and not reachable
    through an open follow-up."""
    candidates = contacts_query.inactive_since(organisation, before).exclude(
        outreach_query.in_touch_since(before)
    )
    emails, phones = feedback_query.open_follow_up_addresses(organisation)
    if not (emails or phones):
        return candidates
    helped = [
        pk
        for pk, email, mobile in candidates.values_list("pk", "email", "mobile")
        if (email and email.lower() in emails)
        or (mobile and feedback_query.comparable_phone(mobile) in phones)
    ]
    return candidates.exclude(pk__in=helped)


def apply_retention(
    organisation: Organisation, now: datetime | None = None, *, dry_run: bool = False
) -> dict[str, int]:
    """Apply (or with `dry_run`, count) every retention period of `organisation` as at
    `now`; {store: rows removed or blanked}. Running it again removes nothing more."""
    now = now or timezone.now()

    def days_ago(days: int) -> datetime:
        return now - timedelta(days=days)

    texts_before = days_ago(organisation.retention_days_open_answers)
    contacts_before = days_ago(organisation.retention_days_contacts)
    events_before = days_ago(
        max(organisation.retention_days_contacts, organisation.quarantine_days)
    )
    counts: dict[str, int] = {}
    with transaction.atomic():
        counts["follow_ups"] = feedback_service.purge_closed_follow_ups(
            organisation, days_ago(organisation.retention_days_followups), dry_run=dry_run
        )
        counts["signal_texts"] = feedback_service.blank_decided_signal_texts(
            organisation, timezone.localdate(texts_before), dry_run=dry_run
        )
        counts["open_answers"] = surveys_service.blank_open_answers(
            organisation, texts_before, dry_run=dry_run
        )
        counts["text_analyses"] = purge_text_analyses(
            organisation, timezone.localdate(texts_before), dry_run=dry_run
        )
        counts["classifier_models"] = feedback_service.forget_classifier_training_before(
            organisation, timezone.localdate(texts_before), dry_run=dry_run
        )
        counts.update(
            outreach_service.purge_service_events(organisation, events_before, dry_run=dry_run)
        )
        counts["contacts"] = contacts_service.purge_contacts(
            expired_contacts(organisation, contacts_before), dry_run=dry_run
        )
        if not dry_run:
            _log_run(organisation, counts)
    return counts


def apply_all(now: datetime | None = None) -> int:
    """The nightly task: every organisation, each in its own transaction; rows changed."""
    return sum(
        sum(apply_retention(organisation, now).values())
        for organisation in Organisation.objects.order_by("pk")
    )


def _log_run(organisation: Organisation, counts: dict[str, int]) -> None:
    LogEntry.objects.log_create(
        organisation,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        actor=None,
        object_repr="Retention periods applied",
        # Strings, as django-auditlog itself stores values: its display code takes len().
        changes={store: ["None", str(counts[store])] for store in STORES},
        additional_data={"organisation_id": organisation.pk, AUDIT_MARK: counts},
    )


def last_run(organisation: Organisation) -> tuple[datetime, dict[str, int]] | None:
    """When the last real run was, and its counts (from its audit-log entry)."""
    entry = (
        LogEntry.objects.filter(
            additional_data__organisation_id=organisation.pk,
            additional_data__has_key=AUDIT_MARK,
        )
        .order_by("-timestamp", "-pk")
        .first()
    )
    if entry is None:
        return None
    return entry.timestamp, entry.additional_data[AUDIT_MARK]


def next_run(now: datetime | None = None) -> datetime:
    """The moment of the next nightly run (RUN_AT, local time)."""
    local = timezone.localtime(now or timezone.now())
    moment = timezone.make_aware(datetime.combine(local.date(), RUN_AT))
    if moment <= local:
        moment = timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), RUN_AT))
    return moment


def preview(organisation: Organisation, now: datetime | None = None) -> dict:
    """What the screen shows: the next run's moment and what it would remove then."""
    moment = next_run(now)
    return {
        "next_run": moment,
        "next_counts": apply_retention(organisation, moment, dry_run=True),
        "last_run": last_run(organisation),
    }
