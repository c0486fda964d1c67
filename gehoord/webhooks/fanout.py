"""From one domain event to one delivery per subscription that asked for it."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from gehoord.tenancy.events import Event
from gehoord.tenancy.models import Organisation

from . import cloudevents
from .models import Delivery, Subscription
from .subscribed import subscribed_types


def deliveries_for(
    organisation: Organisation, subscriptions: list[Subscription], event: Event, event_type: str
) -> list[int]:
    payload = cloudevents.cloud_event(
        id=event.id,
        organisation_slug=organisation.slug,
        type=event_type,
        time=event.time,
        subject=event.subject,
        data=event.data,
        dataref=str(event.data.get("link", "")),
    )
    made = []
    for subscription in subscriptions:
        try:
            with transaction.atomic():
                delivery = Delivery.objects.create(
                    organisation=organisation,
                    subscription=subscription,
                    event_id=event.id,
                    event_type=event_type,
                    payload=payload,
                    next_attempt_at=event.time,
                    created_at=timezone.now(),
                )
        except IntegrityError:  # the same event again (a stable id): one delivery
            continue
        made.append(delivery.pk)
    return made


def deliveries_for_event(event: Event) -> list[int]:
    """Deliveries for the subscriptions that asked for `event`'s type; their ids (none for
    an event id they already have)."""
    if event.type not in subscribed_types(event.organisation_id):  # most events: no query
        return []
    subscriptions = [
        s
        for s in Subscription.objects.filter(organisation_id=event.organisation_id, enabled=True)
        if event.type in s.event_types
    ]
    if not subscriptions:
        return []
    organisation = Organisation.objects.filter(pk=event.organisation_id).first()
    if organisation is None:
        return []
    return deliveries_for(organisation, subscriptions, event, event.type)
