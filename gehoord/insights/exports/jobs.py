"""Running an export job: the Huey task calls `run(job_id)` (see insights.tasks).

The finished file is stored in the job row (a BinaryField), so any web process can serve
what any worker made. A job that cannot be made ends as FAILED with a message for the
user; it never leaves a half-written file or a job stuck in "busy".

On the embedded SQLite default the job shares one database file with residents answering
and staff browsing. It never holds a read open across its own writes (the responses are
read in keyset batches, see `responses.py`), every write is a short statement of its own,
and a write refused with "database is locked" is tried again after a pause (`retry.py`):
the job's claim and its outcome that way, a progress step too, but one that still cannot
be written is skipped (the next says more). A build whose read meets a locked database
starts again, up to `BUILD_ATTEMPTS` times.
"""

import logging
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.db import OperationalError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from gehoord.tenancy import events

from ..models import ExportFormat, ExportJob, ExportKind, ExportStatus
from ..periods import Period
from . import figure_table, report, responses, writers
from .retry import is_locked, when_unlocked
from .selection import selection_of
from .tables import ExportRefused

logger = logging.getLogger(__name__)

# A responses export is a copy of pseudonymous data outside the database's own retention
# rules, so finished files are kept only long enough to be downloaded.
FILE_RETENTION = timedelta(days=7)
BUILD_ATTEMPTS = 3


def filename_of(job: ExportJob, period: Period) -> str:
    kind = {
        ExportKind.RESPONSES: "reacties",
        ExportKind.FIGURES: "cijfers",
        ExportKind.REPORT: "rapportage",
    }[ExportKind(job.kind)]
    stamp = timezone.localdate().isoformat() if period.kind == "window" else period.key
    return f"{job.organisation.slug}-{kind}-{stamp}.{job.format}"


def build(job: ExportJob, progress: Callable[[int, int], None]) -> tuple[bytes, dict | None]:
    """The file, and for a responses export the report of what protects the respondents."""
    period, filters = selection_of(job.parameters)
    organisation = job.organisation
    if job.kind == ExportKind.REPORT:
        context = report.report_context(organisation, period, filters, progress)
        content = report.render_pdf(report.report_html(context))
        progress(report.STEPS, report.STEPS)
        return content, None
    if job.kind == ExportKind.RESPONSES:
        max_rows = writers.EXCEL_MAX_ROWS - 1 if job.format == ExportFormat.XLSX else None
        table = responses.responses_table(
            organisation,
            period,
            filters,
            progress,
            max_rows=max_rows,
            margins=job.parameters.get("margins") or None,
            questionnaire_ids=job.parameters.get("questionnaire_ids") or None,
        )
    else:
        table = figure_table.figures_table(organisation, period, filters, progress)
    content = writers.WRITERS[job.format](table)
    return content, table.report


def run(job_id: int) -> None:
    job = ExportJob.objects.select_related("organisation").filter(pk=job_id).first()
    if job is None:
        return
    # Claim the job, so a task delivered twice does not build the file twice.
    claimed = when_unlocked(
        lambda: ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
            status=ExportStatus.RUNNING
        )
    )
    if not claimed:
        return

    def progress(done: int, total: int) -> None:
        try:
            when_unlocked(
                lambda: ExportJob.objects.filter(pk=job_id).update(done=done, total=total)
            )
        except OperationalError as error:
            if not is_locked(error):
                raise
            logger.warning(
                "export job %s: progress %s/%s not written (locked)", job_id, done, total
            )

    # Files and messages in Dutch, whatever language the worker runs in.
    with translation.override("nl"):
        try:
            content, privacy = build_when_unlocked(job, progress)
        except ExportRefused as refusal:
            return fail(job_id, str(refusal))
        except Exception:
            logger.exception("export job %s failed", job_id)
            return fail(
                job_id,
                _(
                    "The export could not be made because of an error on our "
                    "side. Try again later; if it fails again, contact the "
                    "administrator."
                ),
            )
        period, _filters = selection_of(job.parameters)
        filename = filename_of(job, period)
    when_unlocked(
        lambda: ExportJob.objects.filter(pk=job_id).update(
            status=ExportStatus.DONE,
            content=content,
            privacy_report=privacy,
            filename=filename,
            error="",
            finished_at=timezone.now(),
        )
    )
    # A link to the export's page (which asks for a log-in), never the file itself.
    events.emit(
        job.organisation_id,
        "export.ready",
        f"export/{job_id}",
        {
            "export": job_id,
            "kind": job.kind,
            "format": job.format,
            "link": settings.GEHOORD_BASE_URL.rstrip("/")
            + reverse("insights:export_detail", args=[job_id]),
        },
    )


def build_when_unlocked(
    job: ExportJob, progress: Callable[[int, int], None]
) -> tuple[bytes, dict | None]:
    """`build`, started again from the beginning when a read meets a locked database."""
    for attempt in range(1, BUILD_ATTEMPTS + 1):
        try:
            return build(job, progress)
        except OperationalError as error:
            if not is_locked(error) or attempt == BUILD_ATTEMPTS:
                raise
            logger.warning("export job %s: database locked, building again", job.pk)
            time.sleep(attempt)
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def purge_files(older_than: timedelta = FILE_RETENTION) -> int:
    """Forget the files of jobs finished longer ago than `older_than`; the job rows (who
    exported what, and when) stay for the audit trail. Returns how many files went."""
    return ExportJob.objects.filter(
        finished_at__lt=timezone.now() - older_than, content__isnull=False
    ).update(content=None)


def fail(job_id: int, message: str) -> None:
    when_unlocked(
        lambda: ExportJob.objects.filter(pk=job_id).update(
            status=ExportStatus.FAILED,
            error=message,
            content=None,
            privacy_report=None,
            finished_at=timezone.now(),
        )
    )
