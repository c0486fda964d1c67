from datetime import timedelta

from huey import crontab
from huey.contrib.djhuey import db_task

from gehoord.periodic import periodic_task

from . import delivery, reminders


@db_task()
def deliver(delivery_id: int) -> None:
    """The first attempt, right after the event (or the test button)."""
    delivery.attempt(delivery_id)


@periodic_task(
    crontab(minute="*"),
    name="webhooks-retry",
    every=timedelta(minutes=1),
    runs_up_to=timedelta(minutes=30),
)
def retry_due() -> int:
    """Every minute: the deliveries whose back-off has passed, and any lost on the way."""
    return delivery.retry_due()


@periodic_task(
    crontab(minute="7"),
    name="webhooks-reminders",
    every=timedelta(hours=1),
    runs_up_to=timedelta(minutes=30),
)
def notice_reminders() -> int:
    """Every hour: overdue follow-ups and near deadlines for the subscriptions that want them."""
    return reminders.notice()
