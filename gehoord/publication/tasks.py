from datetime import timedelta

from huey import crontab

from gehoord.periodic import periodic_task

from . import service


@periodic_task(
    crontab(day="1", hour="6", minute="0"),
    name="publication-monthly-digest",
    every=timedelta(days=31),
    runs_up_to=timedelta(hours=2),
)
def send_monthly_digests() -> int:
    return service.send_monthly_digests()
