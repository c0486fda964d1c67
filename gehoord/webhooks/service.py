"""Webhooks: subscribe, turn domain events into deliveries, and deliver them.

Delivery is at least once: each event becomes one Delivery row per subscription (unique
per event id), attempted by the worker right after the event and, after a failure, again
with exponential back-off (`backoff()`) by the periodic task until it succeeds or
MAX_ATTEMPTS is reached. An attempt claims its row first, so two workers never send the
same delivery at the same moment; a worker that dies mid-attempt loses its claim after
CLAIM_FOR and the delivery is tried again (hence "at least once": receivers deduplicate
on the event id, which every attempt repeats).
"""

import uuid
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from gehoord.tenancy.events import Event
from gehoord.tenancy.models import Organisation

from . import cloudevents, fanout, receiver, tasks
from .delivery import attempt as attempt
from .delivery import backoff as backoff
from .delivery import retry_due as retry_due
from .models import Delivery, DeliveryStatus, Subscription

TEST_TYPE = "webhook.test"


def create_subscription(subscription: Subscription) -> str:
    """Save a new subscription with a fresh signing secret; the secret (shown once)."""
    subscription.secret = cloudevents.new_secret()
    subscription.save()
    return subscription.secret


def save_subscription(subscription: Subscription) -> Subscription:
    subscription.save()
    return subscription


def new_secret(subscription: Subscription) -> str:
    """Replace the signing secret; the new one (shown once)."""
    subscription.secret = cloudevents.new_secret()
    subscription.save(update_fields=["secret"])
    return subscription.secret


def remove_subscription(subscription: Subscription) -> None:
    subscription.delete()


def _enqueue(delivery_ids: list[int]) -> None:
    def send() -> None:
        for delivery_id in delivery_ids:
            tasks.deliver(delivery_id)

    transaction.on_commit(send)


def receive_event(event: Event) -> list[int]:
    """Deliveries for the subscriptions that asked for `event`, each sent by the worker."""
    made = fanout.deliveries_for_event(event)
    _enqueue(made)
    return made


def send_test_event(subscription: Subscription) -> Delivery:
    """A test event (type nl.gehoord.webhook.test) to this subscription alone."""
    event = Event(
        subscription.organisation_id,
        TEST_TYPE,
        f"subscription/{subscription.pk}",
        {"test": True, "subscription": subscription.pk},
        id=str(uuid.uuid4()),
    )
    organisation = Organisation.objects.filter(pk=subscription.organisation_id).first()
    assert organisation is not None
    [delivery_id] = fanout.deliveries_for(organisation, [subscription], event, TEST_TYPE)
    _enqueue([delivery_id])
    return Delivery.objects.get(pk=delivery_id)


def retry_now(delivery: Delivery) -> Delivery:
    """A given-up delivery pending again (after the administrator fixed the receiver)."""
    delivery.status = DeliveryStatus.PENDING
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "next_attempt_at"])
    _enqueue([delivery.pk])
    return delivery


def on_event_emitted(sender: Any, event: Event, **kwargs: Any) -> None:
    receive_event(event)


def make_receiver(host: str, port: int, secret: str, say: Callable[[str], None]):
    """A small local receiver that checks each event's signature (`gehoord
    webhookreceiver`; for trying webhooks, see receiver.py)."""
    return receiver.make_server(host, port, secret, say)
