from datetime import timedelta

from huey import crontab
from huey.contrib.djhuey import db_task

from gehoord.periodic import periodic_task

from . import csv_import, openklant, zgw
from .dispatch import send_due_invitations


@periodic_task(
    crontab(minute="*/5"),
    name="outreach-dispatch",
    every=timedelta(minutes=5),
    runs_up_to=timedelta(minutes=30),
)
def dispatch_invitations() -> int:
    """Every five minutes: send what is due (claims are row-locked, so extra workers are safe)."""
    return send_due_invitations()


@db_task()
def run_event_import(job_id: int) -> None:
    csv_import.run_import(job_id)


@db_task(retries=3, retry_delay=60)
def process_zgw_notification(notification_id: int) -> None:
    zgw.process(notification_id)


@db_task(retries=3, retry_delay=60)
def process_klantcontact_notification(notification_id: int) -> None:
    openklant.process(notification_id)
