from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from . import csv_import, zgw
from .dispatch import send_due_invitations


@db_periodic_task(crontab(minute="*/5"))
@lock_task("outreach-dispatch")
def dispatch_invitations() -> int:
    """Every five minutes: send what is due (claims are row-locked, so extra workers are safe)."""
    return send_due_invitations()


@db_task()
def run_event_import(job_id: int) -> None:
    csv_import.run_import(job_id)


@db_task(retries=3, retry_delay=60)
def process_zgw_notification(notification_id: int) -> None:
    zgw.process(notification_id)
