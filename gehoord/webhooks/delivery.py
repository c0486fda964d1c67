"""Attempts to deliver, with exponential back-off.

Delivery is at least once: each event becomes one Delivery row per subscription (unique
per event id), attempted by the worker right after the event and, after a failure, again
with exponential back-off (`backoff()`) by the periodic task until it succeeds or
MAX_ATTEMPTS is reached. An attempt claims its row first, so two workers never send the
same delivery at the same moment; a worker that dies mid-attempt loses its claim after
CLAIM_FOR and the delivery is tried again (hence "at least once": receivers deduplicate
on the event id, which every attempt repeats).
"""

from datetime import datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from gehoord.outgoing import OutgoingFailed, OutgoingRefused, open_url

from . import cloudevents
from .models import Delivery, DeliveryStatus

MAX_ATTEMPTS = 8
FIRST_RETRY = timedelta(minutes=1)
LONGEST_WAIT = timedelta(hours=6)
CLAIM_FOR = timedelta(minutes=2)


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failed attempt: 1, 2, 4, 8 … minutes, at most 6 h."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_WAIT)


def _claim(delivery_id: int, now: datetime) -> bool:
    return (
        Delivery.objects.filter(
            pk=delivery_id, status=DeliveryStatus.PENDING, next_attempt_at__lte=now
        )
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + CLAIM_FOR)
        == 1
    )


def attempt(delivery_id: int) -> Delivery | None:
    """One attempt to deliver, if the delivery is due and no other worker has it; the
    delivery afterwards (None when nothing was attempted)."""
    now = timezone.now()
    if not _claim(delivery_id, now):
        return None
    delivery = Delivery.objects.select_related("subscription").get(pk=delivery_id)
    subscription = delivery.subscription
    body = cloudevents.body_of(delivery.payload)
    headers = cloudevents.headers_for(
        subscription.secret, delivery.event_id, int(now.timestamp()), body
    )
    delivery.attempts += 1
    delivery.claimed_until = None
    try:
        open_url(subscription.url, subscription.policy(), headers, data=body, method="POST")
    except OutgoingRefused as refusal:
        # Refused before anything was sent; trying again changes nothing until the
        # administrator changes the subscription.
        _failed(delivery, f"refused: {refusal}", None, give_up=True)
    except OutgoingFailed as failure:
        _failed(delivery, failure.reason, failure.status, give_up=False)
    else:
        delivery.status = DeliveryStatus.DELIVERED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
        delivery.last_error = ""
        delivery.last_status_code = None
    delivery.save()
    return delivery


def _failed(delivery: Delivery, error: str, status: int | None, *, give_up: bool) -> None:
    delivery.last_error = error[:300]
    delivery.last_status_code = status
    if give_up or delivery.attempts >= MAX_ATTEMPTS:
        delivery.status = DeliveryStatus.FAILED
        delivery.next_attempt_at = None
    else:
        delivery.next_attempt_at = timezone.now() + backoff(delivery.attempts)


def due_deliveries(now: datetime | None = None, limit: int = 500) -> list[int]:
    """Pending deliveries whose next attempt is due (and not being attempted)."""
    now = now or timezone.now()
    return list(
        Delivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )


def retry_due() -> int:
    """Attempt every due delivery once; the number delivered."""
    delivered = 0
    for delivery_id in due_deliveries():
        result = attempt(delivery_id)
        delivered += bool(result and result.status == DeliveryStatus.DELIVERED)
    return delivered
