"""Which events an organisation's webhooks ask for: read from the shared cache, rewritten
after every change, so a new subscription hears the next event and a respondent pays no
database query for an organisation that subscribes to nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gehoord.tenancy import events
from gehoord.webhooks import fanout, service
from gehoord.webhooks.models import Delivery
from gehoord.webhooks.subscribed import subscribed_types

from .factories import make_subscription

URL = "http://127.0.0.1:9/hook"


def _event(organisation, type="response.received"):
    return events.Event(organisation.pk, type, "response/1", {"response": "1"})


def _main_database_queries(captured) -> list[str]:
    return [q["sql"] for q in captured if "gehoord_rate_limits" not in q["sql"]]


@pytest.mark.django_db
def test_an_organisation_without_subscriptions_costs_no_query_once_known(org_a):
    assert fanout.deliveries_for_event(_event(org_a)) == []  # reads the database once
    with CaptureQueriesContext(connection) as queries:
        assert fanout.deliveries_for_event(_event(org_a)) == []
    assert _main_database_queries(queries.captured_queries) == []


@pytest.mark.django_db
def test_a_change_to_a_subscription_is_heard_by_the_next_event(
    org_a, org_b, django_capture_on_commit_callbacks
):
    assert subscribed_types(org_a.pk) == frozenset()  # cached: nothing
    with django_capture_on_commit_callbacks(execute=True):
        subscription, _ = make_subscription(org_a, URL, ["response.received"])
    assert subscribed_types(org_a.pk) == {"response.received"}
    assert subscribed_types(org_b.pk) == frozenset()
    assert len(fanout.deliveries_for_event(_event(org_a))) == 1

    with django_capture_on_commit_callbacks(execute=True):
        subscription.enabled = False
        service.save_subscription(subscription)
    assert subscribed_types(org_a.pk) == frozenset()
    assert fanout.deliveries_for_event(_event(org_a)) == []

    with django_capture_on_commit_callbacks(execute=True):
        subscription.enabled = True
        service.save_subscription(subscription)
    with django_capture_on_commit_callbacks(execute=True):
        service.remove_subscription(subscription)
    assert subscribed_types(org_a.pk) == frozenset()
    assert Delivery.objects.filter(organisation=org_a).count() == 0  # removed with it
