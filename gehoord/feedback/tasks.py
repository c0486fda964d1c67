from datetime import timedelta

from huey import crontab
from huey.contrib.djhuey import db_task

from gehoord.periodic import periodic_task

from . import receipts, service
from .models import Signal
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


@periodic_task(
    crontab(minute="17"),
    name="feedback-read-back-internal-tasks",
    every=timedelta(hours=1),
    runs_up_to=timedelta(minutes=30),
)
def read_back_internal_tasks() -> int:
    """Every hour: the outcome of call-backs handed to Open Klant as interne taken."""
    return service.read_back_open_tasks()


@db_task(retries=3, retry_delay=300)
def send_receipt(signal_id: int, email: str, language: str = "nl") -> None:
    """The receipt e-mail of a signal sent in (queued after its transaction commits)."""
    signal = Signal.objects.select_related("organisation", "service").filter(pk=signal_id).first()
    if signal is not None and signal.receipt_number:
        receipts.send_receipt(signal, email, language)
