from datetime import timedelta

from huey import crontab
from huey.contrib.djhuey import db_task

from gehoord.periodic import periodic_task
from gehoord.tenancy.models import Organisation

from . import receipts, service
from .models import Signal


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
    crontab(hour="3", minute="15"),
    name="feedback-purge-follow-ups",
    every=timedelta(days=1),
    runs_up_to=timedelta(hours=2),
)
def purge_follow_ups() -> int:
    """Nightly: delete follow-ups closed longer than the retention period (AVG)."""
    return service.purge_closed_follow_ups()


@db_task()
def train_classifier(organisation_id: int) -> None:
    service.train_theme_classifier(Organisation.objects.get(pk=organisation_id))


@db_task(retries=3, retry_delay=300)
def send_receipt(signal_id: int, email: str, language: str = "nl") -> None:
    """The receipt e-mail of a signal sent in (queued after its transaction commits)."""
    signal = Signal.objects.select_related("organisation", "service").filter(pk=signal_id).first()
    if signal is not None and signal.receipt_number:
        receipts.send_receipt(signal, email, language)
