"""Which event types an organisation's enabled subscriptions ask for, from the shared cache.

Every submitted survey emits an event, and most organisations subscribe to none: asking
the database each time would cost every respondent's last page a query (its budget is
six). The answer lives in the cache all processes share (Redis in production) and is
rewritten after every change to a subscription commits. A reader that misses the cache
stores what it read with `add`, which never overwrites: a change committed meanwhile has
already written its newer answer, so a stale one cannot win.
"""

from django.core.cache import caches
from django.db import transaction

from .models import Subscription

CACHE = "shared"
# Only a bound in case a change ever bypasses save()/delete() (a queryset update).
TIMEOUT = 3600


def _key(organisation_id: int) -> str:
    return f"webhooks:subscribed-types:{organisation_id}"


def _from_database(organisation_id: int) -> list[str]:
    rows = Subscription.objects.filter(organisation_id=organisation_id, enabled=True)
    return sorted({t for types in rows.values_list("event_types", flat=True) for t in types})


def subscribed_types(organisation_id: int) -> frozenset[str]:
    """The event types at least one enabled subscription of the organisation asks for."""
    cache = caches[CACHE]
    types = cache.get(_key(organisation_id))
    if types is None:
        types = _from_database(organisation_id)
        cache.add(_key(organisation_id), types, TIMEOUT)
    return frozenset(types)


def refresh_after_commit(sender, instance: Subscription, **kwargs) -> None:
    """post_save/post_delete: rewrite the organisation's answer once the change is visible."""
    organisation_id = instance.organisation_id

    def refresh() -> None:
        caches[CACHE].set(_key(organisation_id), _from_database(organisation_id), TIMEOUT)

    transaction.on_commit(refresh)
