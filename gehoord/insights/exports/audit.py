"""Who exported what: each request and each download goes into the audit log.

A download is a read: it is written by `tenancy.service.record_read`, like every other
read, with the client address and its result.

Logged here rather than by registering ExportJob with django-auditlog, because a model
registration logs changes of a row, not who fetched the file; a download changes nothing.
The entries carry the organisation (OrganisationOwned.get_additional_data), so they show
on the organisation's audit log screen.
"""

import json

from auditlog.models import LogEntry
from django.http import HttpRequest

from gehoord.tenancy import service as tenancy_service

from ..models import ExportJob


def _log(job: ExportJob, user, action: int, what: str) -> None:
    LogEntry.objects.log_create(
        job,
        force_log=True,
        action=action,
        actor=user if user and user.is_authenticated else None,
        object_repr=f"{what}: {job.get_kind_display()} ({job.get_format_display()})",
        # Strings, as django-auditlog itself stores values: its display code takes len().
        changes={
            "kind": ["None", job.kind],
            "format": ["None", job.format],
            "parameters": ["None", json.dumps(job.parameters, sort_keys=True)],
        },
    )


def log_requested(job: ExportJob, user) -> None:
    _log(job, user, LogEntry.Action.CREATE, "Export requested")


def log_downloaded(job: ExportJob, request: HttpRequest) -> None:
    tenancy_service.record_read(
        request,
        job,
        tenancy_service.ReadKind.EXPORT,
        extra={"kind": job.kind, "format": job.format},
    )
