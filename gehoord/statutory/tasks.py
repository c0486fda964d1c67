from datetime import timedelta

from huey import crontab

from gehoord.periodic import periodic_task

from . import service


@periodic_task(
    crontab(hour="7", minute="15"),
    name="statutory-deadline-reminders",
    every=timedelta(days=1),
    runs_up_to=timedelta(hours=1),
)
def send_deadline_reminders() -> int:
    """Daily: remind owners whose statutory results are due before 1 July."""
    return service.send_deadline_reminders()
