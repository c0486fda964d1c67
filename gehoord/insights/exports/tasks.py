"""Background tasks of the exports; registered with the worker by `insights.tasks`."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from . import jobs


@db_task()
def run_export(job_id: int) -> None:
    jobs.run(job_id)


@db_periodic_task(crontab(hour="3", minute="15"))
def purge_export_files() -> int:
    """Finished export files are kept seven days; the job rows (the audit trail) stay."""
    return jobs.purge_files()
