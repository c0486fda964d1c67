"""Reads of the webhooks app, scoped to one organisation."""

from django.db.models import QuerySet

from gehoord.tenancy.models import Organisation

from .models import Delivery, Subscription


def subscriptions_of(organisation: Organisation) -> QuerySet[Subscription]:
    return Subscription.objects.filter(organisation=organisation)


def deliveries_of(subscription: Subscription, limit: int = 50) -> list[Delivery]:
    return list(subscription.deliveries.all()[:limit])
