"""Use cases of outreach: take in service events and schedule invitations by the rules.

The public face for views, the API, tasks of other apps and the demo. Taking in one event
lives in `events` (used by the CSV import and the ZGW webhook too), so this module can
queue their background work without an import circle.

Sending (dispatch, reminders, quarantine at send time) builds on this; see DESIGN.md §1.
"""

from datetime import date, datetime

from django.db import transaction

from gehoord.tenancy.models import Organisation

from . import csv_import, openklant, sampling, tasks, zgw
from .events import due_moment as due_moment
from .events import is_sampled as is_sampled
from .events import record_event as record_event
from .events import schedule_invitations as schedule_invitations
from .models import (
    EventImport,
    EventKind,
    Invitation,
    InvitationRule,
    OpenKlantConnection,
    ZgwConnection,
    ZgwNotification,
)
from .retention import purge_service_events as purge_service_events


def start_event_import(
    organisation: Organisation, file_name: str, content: bytes, user=None
) -> EventImport:
    """Store an uploaded CSV and queue its import (see csv_import for the rules)."""
    job = EventImport.objects.create(
        organisation=organisation, file_name=file_name[:200], content=content, created_by=user
    )
    transaction.on_commit(lambda: tasks.run_event_import(job.pk))
    return job


def receive_zgw_notification(connection: ZgwConnection, payload: dict) -> ZgwNotification:
    """Store a ZGW notification and, when it may become an event, process it in the
    background (the webhook answers at once; the ZGW APIs are read by the worker)."""
    notification = zgw.receive(connection, payload)
    if notification.outcome == ZgwNotification.Outcome.PENDING:
        # After the commit: the worker must find the row, and must not read the ZGW APIs
        # inside the request's transaction (when tasks run inline).
        transaction.on_commit(lambda: tasks.process_zgw_notification(notification.pk))
    return notification


def receive_klantcontact_notification(
    connection: OpenKlantConnection, payload: dict
) -> ZgwNotification:
    """Store an Open Notificaties klantcontact notification and, when it may become an
    event, read the Klantinteracties API in the background (as for ZGW)."""
    notification = openklant.receive(connection, payload)
    if notification.outcome == ZgwNotification.Outcome.PENDING:
        transaction.on_commit(lambda: tasks.process_klantcontact_notification(notification.pk))
    return notification


OpenKlantError = openklant.OpenKlantError
InternalTask = openklant.InternalTask


def _open_klant(organisation: Organisation) -> OpenKlantConnection:
    connection = OpenKlantConnection.objects.filter(organisation=organisation).first()
    if connection is None:
        raise OpenKlantError("no Open Klant connection")
    return connection


def create_internal_task(
    organisation: Organisation, klantcontact_url: str, *, action: str, explanation: str
) -> InternalTask:
    """Write an interne taak on a klantcontact in the organisation's Open Klant.

    Call outside a transaction (it waits for the network); OpenKlantError when there is
    no connection or the API refuses."""
    return openklant.create_internal_task(
        _open_klant(organisation), klantcontact_url, action, explanation
    )


def read_internal_task(organisation: Organisation, url: str) -> InternalTask:
    """The interne taak's status and toelichting as Open Klant has them now."""
    return openklant.read_internal_task(_open_klant(organisation), url)


@transaction.atomic
def invite_panel(
    organisation: Organisation,
    questionnaire,
    contacts,
    *,
    channels: list[str],
    expires_after_days: int = 30,
    send_at: datetime | None = None,
) -> int:
    """Invite a panel selection to a questionnaire; returns how many were scheduled.

    A rule of kind "panel" (never triggered by events) carries the channels and expiry, so
    dispatch, quarantine, opt-out, reminders and response rates work exactly as for events.
    """
    from django.utils import timezone

    service_obj = questionnaire.services.first()
    if service_obj is None or questionnaire.organisation_id != organisation.pk:
        raise ValueError("the questionnaire needs a service of this organisation")
    rule = InvitationRule.objects.create(
        organisation=organisation,
        service=service_obj,
        event_kind=EventKind.PANEL,
        questionnaire=questionnaire,
        delay_days=0,
        channels=channels,
        expires_after_days=expires_after_days,
        active=False,
    )
    due = send_at or timezone.now()
    return len(
        Invitation.objects.bulk_create(
            Invitation(organisation=organisation, contact=contact, rule=rule, due_at=due)
            for contact in contacts
        )
    )


# CSV reading for other apps' imports (the rules of the event import, see csv_import:
# encoding by byte order mark, else UTF-8 or Windows-1252; csv on a text stream, so quoted
# newlines and any line ending work; delimiter detected; header names lower-cased).

CsvUnreadable = csv_import.UnreadableFile


def read_csv(upload, required: tuple[str, ...], report=None):
    """(row number, row) for each readable row of an uploaded CSV file (bytes or a binary
    file); rows with a problem in a cell go to `report` (see new_import_report) as errors.
    CsvUnreadable (a ValueError with a message for the user) when the file cannot be read
    or lacks a required column. Each call reads from the start."""
    return csv_import.read_rows(csv_import.as_stream(upload), required, report)


def check_csv_size(upload, max_bytes: int, message: str) -> None:
    """CsvUnreadable(message) when the upload is larger than max_bytes; reads nothing."""
    csv_import.check_size(csv_import.as_stream(upload), max_bytes, message)


def parse_csv_date(value: str) -> date:
    """2026-03-31, 31-03-2026 or 31/03/2026; ValueError with a message otherwise."""
    return csv_import.parse_date(value)


def new_import_report():
    """A per-row report (rows, imported, duplicates, errors) like the event import's."""
    return csv_import.ImportReport()


# Stratified samples (issue 22): made for a rule or a statutory year, previewed, drawn once.
new_sample_plan = sampling.new_plan
preview_sample = sampling.preview
draw_sample = sampling.draw
