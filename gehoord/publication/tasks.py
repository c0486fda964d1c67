from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from . import service


@db_periodic_task(crontab(day="1", hour="6", minute="0"))
@lock_task("publication-monthly-digest")
def send_monthly_digests() -> int:
    return service.send_monthly_digests()
