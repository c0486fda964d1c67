"""Use cases of the insights app for other apps, commands and the demo."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from gehoord.tenancy.models import Organisation

from . import driver_analysis, rollups
from .models import ExportFormat, ExportJob, ExportKind

# Which formats make sense for which export.
FORMATS = {
    ExportKind.RESPONSES: {ExportFormat.CSV, ExportFormat.XLSX, ExportFormat.SAV},
    ExportKind.FIGURES: {ExportFormat.CSV, ExportFormat.XLSX, ExportFormat.SAV},
    ExportKind.REPORT: {ExportFormat.PDF},
}


def rebuild_rollups(organisation: Organisation) -> None:
    rollups.rebuild(organisation)


def compute_driver_analyses(organisation: Organisation) -> int:
    return driver_analysis.compute_for(organisation)


def compute_text_analyses(organisation: Organisation) -> int:
    from . import text

    return text.compute_for(organisation)


def request_export(organisation: Organisation, user: AbstractBaseUser | None, kind: str,
                   format: str, parameters: dict) -> ExportJob:
    """Queue an export; the worker builds it and the page shows progress until it is ready."""
    if kind not in ExportKind.values or format not in FORMATS[ExportKind(kind)]:
        raise ValidationError(_("This export cannot be made in this format."))
    job = ExportJob.objects.create(organisation=organisation, requested_by=user, kind=kind,
                                   format=format, parameters=parameters)
    from .tasks import run_export

    transaction.on_commit(lambda: run_export(job.pk))
    return job
