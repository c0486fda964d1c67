"""Use cases of outreach: take in service events and schedule invitations by the rules.

Sending (dispatch, reminders, quarantine at send time) builds on this; see DESIGN.md §1.
"""

import hashlib
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction

from gehoord.contacts import service as contacts_service
from gehoord.tenancy.models import Organisation

from .models import (
    EventImport,
    EventKind,
    EventSource,
    ImportStatus,
    Invitation,
    InvitationRule,
    ServiceEvent,
)


def due_moment(occurred_on: date, rule: InvitationRule) -> datetime:
    """The rule's send hour, `delay_days` after the event, in the organisation's time zone."""
    day = occurred_on + timedelta(days=rule.delay_days)
    return datetime.combine(day, time(hour=rule.send_hour), tzinfo=ZoneInfo(settings.TIME_ZONE))


def is_sampled(event: ServiceEvent, rule: InvitationRule) -> bool:
    """Deterministic sampling: the same event and rule always give the same answer, so a
    re-run or a second worker never changes who is invited."""
    if rule.sampling_percentage >= 100:
        return True
    digest = hashlib.sha256(f"{rule.pk}:{event.pk}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % 100 < rule.sampling_percentage


def schedule_invitations(event: ServiceEvent) -> list[Invitation]:
    """Create the invitations the active rules ask for (at most one per rule)."""
    rules = InvitationRule.objects.filter(
        organisation_id=event.organisation_id, service_id=event.service_id,
        event_kind=event.kind, active=True)
    scheduled = []
    for rule in rules:
        if not is_sampled(event, rule):
            continue
        invitation, _ = Invitation.objects.get_or_create(
            event=event, rule=rule,
            defaults={"organisation_id": event.organisation_id, "contact_id": event.contact_id,
                      "due_at": due_moment(event.occurred_on, rule)},
        )
        scheduled.append(invitation)
    return scheduled


def record_event(organisation: Organisation, *, contact: dict[str, Any], service,
                 kind: EventKind, occurred_on: date, source: EventSource, provider=None,
                 team=None, external_id: str = "") -> tuple[ServiceEvent, bool]:
    """Store one service event (idempotent per sender id) and schedule its invitations.

    Returns the event and whether it is new. Identity goes to the contact register only.
    """
    for related in (service, provider, team):
        if related is not None and related.organisation_id != organisation.pk:
            raise ValueError("related record of another organisation")
    if external_id:
        existing = ServiceEvent.objects.filter(organisation=organisation, source=source,
                                               external_id=external_id).first()
        if existing:
            return existing, False
    try:
        with transaction.atomic():
            person = contacts_service.register_contact(organisation, **contact)
            event = ServiceEvent.objects.create(
                organisation=organisation, contact=person, service=service, kind=kind,
                occurred_on=occurred_on, provider=provider, team=team, source=source,
                external_id=external_id)
            schedule_invitations(event)
    except IntegrityError:
        # The same event arrived twice at the same moment; the other request stored it.
        existing = ServiceEvent.objects.filter(organisation=organisation, source=source,
                                               external_id=external_id).first()
        if existing is None:
            raise
        return existing, False
    return event, True


def start_event_import(organisation: Organisation, file_name: str, content: bytes,
                       user=None) -> EventImport:
    """Store an uploaded CSV and queue its import (see csv_import for the rules)."""
    from .tasks import run_event_import

    job = EventImport.objects.create(organisation=organisation, file_name=file_name[:200],
                                     content=content, created_by=user)
    transaction.on_commit(lambda: run_event_import(job.pk))
    return job


def run_event_import(job_id: int) -> None:
    """The background part: check, import (all or nothing), report, forget the file."""
    from .csv_import import UnreadableFile, import_events

    job = EventImport.objects.select_related("organisation").get(pk=job_id)
    if job.status != ImportStatus.WAITING:
        return  # already handled (a task delivered twice)
    EventImport.objects.filter(pk=job.pk).update(status=ImportStatus.RUNNING)

    def progress(done: int, total: int) -> None:
        EventImport.objects.filter(pk=job.pk).update(rows_done=done, rows_total=total)

    try:
        report = import_events(job.organisation, bytes(job.content), progress)
    except UnreadableFile as error:
        result = {"fatal": str(error), "rows": 0, "imported": 0, "errors": []}
        status = ImportStatus.REFUSED
    else:
        result = {"rows": report.rows, "imported": report.imported,
                  "duplicates": report.duplicates, "error_count": report.error_count,
                  "errors": report.errors}
        status = ImportStatus.DONE if report.imported else ImportStatus.REFUSED
    EventImport.objects.filter(pk=job.pk).update(status=status, report=result, content=None)


@transaction.atomic
def invite_panel(organisation: Organisation, questionnaire, contacts, *, channels: list[str],
                 expires_after_days: int = 30, send_at: datetime | None = None) -> int:
    """Invite a panel selection to a questionnaire; returns how many were scheduled.

    A rule of kind "panel" (never triggered by events) carries the channels and expiry, so
    dispatch, quarantine, opt-out, reminders and response rates work exactly as for events.
    """
    from django.utils import timezone

    service_obj = questionnaire.services.first()
    if service_obj is None or questionnaire.organisation_id != organisation.pk:
        raise ValueError("the questionnaire needs a service of this organisation")
    rule = InvitationRule.objects.create(
        organisation=organisation, service=service_obj, event_kind=EventKind.PANEL,
        questionnaire=questionnaire, delay_days=0, channels=channels,
        expires_after_days=expires_after_days, active=False)
    due = send_at or timezone.now()
    return len(Invitation.objects.bulk_create(
        Invitation(organisation=organisation, contact=contact, rule=rule, due_at=due)
        for contact in contacts))


# CSV reading for other apps' imports (the rules of the event import: UTF-8 or
# Windows-1252, delimiter detected, header names lower-cased).


def read_csv(raw: bytes, required: tuple[str, ...]):
    """Rows of an uploaded CSV file as dicts; ValueError (with a message for the user) when
    the file cannot be read or lacks a required column. Iterate twice by calling twice."""
    from .csv_import import decode, open_rows

    return open_rows(decode(raw), required)


def parse_csv_date(value: str) -> date:
    """2026-03-31, 31-03-2026 or 31/03/2026; ValueError with a message otherwise."""
    from .csv_import import parse_date

    return parse_date(value)


def new_import_report():
    """A per-row report (rows, imported, duplicates, errors) like the event import's."""
    from .csv_import import ImportReport

    return ImportReport()
