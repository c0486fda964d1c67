"""Who exported what: each request and each download goes into the audit log.

A download is a read: it is written by `tenancy.service.record_read`, like every other
read, with the client address and its result.

Logged here rather than by registering ExportJob with django-auditlog, because a model
registration logs changes of a row, not who fetched the file; a download changes nothing.
The entries carry the organisation (OrganisationOwned.get_additional_data), so they show
on the organisation's audit log screen.
"""

from auditlog.models import LogEntry
from django.http import HttpRequest

from gehoord.tenancy import service as tenancy_service

from ..models import ExportJob
from .selection import describe


def _log(job: ExportJob, user, action: int) -> None:
    # The selection in words ("Periode: Laatste 6 maanden (…); Aanbieder: Zorg Thuis"), as
    # it was when asked for: a rolling window moves, the entry should not.
    selection = "; ".join(
        f"{label}: {value}" for label, value in describe(job.organisation, job.parameters)
    )
    LogEntry.objects.log_create(
        job,
        force_log=True,
        action=action,
        actor=user if user and user.is_authenticated else None,
        object_repr=f"{job.get_kind_display()} ({job.get_format_display()})",
        # Strings, as django-auditlog itself stores values: its display code takes len().
        # Kind and format are codes (the screen shows their labels); the selection is text.
        changes={
            "kind": ["None", job.kind],
            "format": ["None", job.format],
            "parameters": ["None", selection],
        },
    )


def log_requested(job: ExportJob, user) -> None:
    _log(job, user, LogEntry.Action.CREATE)


def log_downloaded(job: ExportJob, request: HttpRequest) -> None:
    tenancy_service.record_read(
        request,
        job,
        tenancy_service.ReadKind.EXPORT,
        extra={"kind": job.kind, "format": job.format},
    )
