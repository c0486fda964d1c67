from datetime import timedelta

from huey import crontab

from gehoord.periodic import periodic_task

from . import service
from .training import train_classifier as train_classifier  # registers the training task


@periodic_task(
    crontab(minute="*"),
    name="feedback-pick-up-responses",
    every=timedelta(minutes=1),
    runs_up_to=timedelta(minutes=15),
)
def pick_up_responses() -> int:
    """Every minute: follow-ups for new responses with a low grade or a call-back request."""
    return service.pick_up_new_responses()
