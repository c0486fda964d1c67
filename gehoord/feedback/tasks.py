from datetime import timedelta

from huey import crontab
from huey.contrib.djhuey import db_task

from gehoord.periodic import periodic_task
from gehoord.tenancy.models import Organisation

from . import service


@periodic_task(
    crontab(minute="*"),
    name="feedback-pick-up-responses",
    every=timedelta(minutes=1),
    runs_up_to=timedelta(minutes=15),
)
def pick_up_responses() -> int:
    """Every minute: follow-ups for new responses with a low grade or a call-back request."""
    return service.pick_up_new_responses()


@db_task()
def train_classifier(organisation_id: int) -> None:
    service.train_theme_classifier(Organisation.objects.get(pk=organisation_id))
