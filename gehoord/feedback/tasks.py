from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from gehoord.tenancy.models import Organisation

from . import service


@db_periodic_task(crontab(minute="*"))
@lock_task("feedback-pick-up-responses")
def pick_up_responses() -> int:
    """Every minute: follow-ups for new responses with a low grade or a call-back request."""
    return service.pick_up_new_responses()


@db_periodic_task(crontab(hour="3", minute="15"))
def purge_follow_ups() -> int:
    """Nightly: delete follow-ups closed longer than the retention period (AVG)."""
    return service.purge_closed_follow_ups()


@db_task()
def train_classifier(organisation_id: int) -> None:
    service.train_theme_classifier(Organisation.objects.get(pk=organisation_id))
