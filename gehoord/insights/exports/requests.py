"""Asking for an export: checked here, built by the worker (`tasks.run_export`)."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gehoord.tenancy.models import Organisation

from ..models import EXPORT_FORMATS, ExportJob, ExportKind
from . import tasks


def request_export(
    organisation: Organisation,
    user: AbstractBaseUser | None,
    kind: str,
    format: str,
    parameters: dict,
) -> ExportJob:
    """Queue an export; the worker builds it and the page shows progress until it is ready."""
    if kind not in ExportKind.values or format not in EXPORT_FORMATS[ExportKind(kind)]:
        raise ValidationError(_("This export cannot be made in this format."))
    job = ExportJob.objects.create(
        organisation=organisation,
        requested_by=user,
        kind=kind,
        format=format,
        parameters=parameters,
    )
    transaction.on_commit(lambda: tasks.run_export(job.pk))
    return job
