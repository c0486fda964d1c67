"""Background tasks of the exports; registered with the worker by `insights.tasks`."""

from datetime import timedelta

from huey import crontab
from huey.contrib.djhuey import db_task

from gehoord.periodic import periodic_task

from . import jobs


@db_task()
def run_export(job_id: int) -> None:
    jobs.run(job_id)


@periodic_task(
    crontab(hour="3", minute="15"),
    name="insights-purge-export-files",
    every=timedelta(days=1),
    runs_up_to=timedelta(hours=2),
)
def purge_export_files() -> int:
    """Finished export files are kept seven days; the job rows (the audit trail) stay."""
    return jobs.purge_files()
