"""Webhook deliveries against a real HTTP receiver on 127.0.0.1 (issue 20)."""

import json
from datetime import date, timedelta

import pytest
from django.db import connection

from gehoord.feedback import service as feedback_service
from gehoord.feedback.tests.factories import make_follow_up
from gehoord.improvement import service as improvement_service
from gehoord.improvement.tests.factories import make_action
from gehoord.surveys.tests.factories import answer_open_link, build_questionnaire
from gehoord.webhooks import cloudevents, delivery, reminders, service
from gehoord.webhooks.models import Delivery, DeliveryStatus

from .factories import make_subscription

pytestmark = pytest.mark.django_db


def test_a_signed_cloud_event_without_personal_data(
    org_a, receiver, immediate_huey, django_capture_on_commit_callbacks
):
    subscription, secret = make_subscription(org_a, receiver.url, ["signal.received"])
    with django_capture_on_commit_callbacks(execute=True):
        signal = feedback_service.record_signal(
            org_a,
            kind="complaint",
            text="Mevrouw De Vries wacht al weken",
            received_on=date(2026, 11, 2),
            contact={"name": "A. de Vries", "email": "a.devries@example.org", "consent": "1"},
        )
    [request] = receiver.requests
    assert request["path"] == "/hooks/gehoord"
    assert request["headers"]["content-type"] == "application/cloudevents+json"
    assert cloudevents.verify(secret, request["headers"], request["body"])
    assert not cloudevents.verify(secret, request["headers"], request["body"] + b" ")
    event = json.loads(request["body"])
    assert event["specversion"] == "1.0"
    assert event["type"] == "nl.gehoord.signal.received"
    assert event["source"] == f"urn:nld:gehoord:organisatie:{org_a.slug}"
    assert event["subject"] == f"signal/{signal.pk}"
    assert event["datacontenttype"] == "application/json"
    assert event["time"].endswith("Z")
    assert event["id"] == request["headers"]["webhook-id"]
    assert event["data"]["signal"] == signal.pk
    # Never the text or who sent it.
    body = request["body"].decode()
    assert "Vries" not in body and "example.org" not in body and "weken" not in body
    # The follow-up the contact details made was not asked for: not sent.
    log = Delivery.objects.get(subscription=subscription)
    assert (log.status, log.attempts, log.last_error) == (DeliveryStatus.DELIVERED, 1, "")


def test_a_failing_receiver_gets_the_event_on_the_third_attempt_once(
    org_a, flaky_receiver, clock, immediate_huey, django_capture_on_commit_callbacks
):
    subscription, secret = make_subscription(org_a, flaky_receiver.url, ["action.status_changed"])
    action = make_action(org_a)
    with django_capture_on_commit_callbacks(execute=True):
        improvement_service.change_status(action, "done")
    log = Delivery.objects.get(subscription=subscription)
    assert (log.status, log.attempts, log.last_status_code) == (DeliveryStatus.PENDING, 1, 500)
    assert log.last_error == "HTTP 500"
    # Not due yet: the worker's minutely run leaves it alone.
    assert delivery.retry_due() == 0
    assert len(flaky_receiver.requests) == 1
    clock.shift(timedelta(seconds=61))
    assert delivery.retry_due() == 0  # the second attempt fails too
    log.refresh_from_db()
    assert log.attempts == 2
    clock.shift(timedelta(seconds=61))
    assert delivery.retry_due() == 0  # back-off doubled: 2 minutes after the second attempt
    clock.shift(timedelta(seconds=61))
    assert delivery.retry_due() == 1
    log.refresh_from_db()
    assert (log.status, log.attempts, log.last_error) == (DeliveryStatus.DELIVERED, 3, "")
    # Every attempt carried the same event id (the receiver's idempotency key) and signature.
    ids = {r["headers"]["webhook-id"] for r in flaky_receiver.requests}
    assert ids == {log.event_id} and len(flaky_receiver.requests) == 3
    assert all(cloudevents.verify(secret, r["headers"], r["body"]) for r in flaky_receiver.requests)
    assert flaky_receiver.events()[-1]["data"] == {
        "action": action.pk,
        "from": "idea",
        "to": "done",
    }
    # Delivered once: later runs and a task delivered twice send nothing more.
    clock.shift(timedelta(hours=1))
    assert delivery.retry_due() == 0
    assert delivery.attempt(log.pk) is None
    assert len(flaky_receiver.requests) == 3


def test_backoff_doubles_up_to_six_hours():
    waits = [delivery.backoff(n) for n in range(1, 11)]
    assert waits[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert waits[-1] == timedelta(hours=6)


def test_a_loopback_address_is_refused_unless_the_host_is_allowed(
    org_a, receiver, immediate_huey, django_capture_on_commit_callbacks
):
    subscription, _secret = make_subscription(
        org_a, receiver.url, ["export.ready"], allow_internal_host=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        refused = service.send_test_event(subscription)
    refused.refresh_from_db()
    assert refused.status == DeliveryStatus.FAILED
    assert "internal address" in refused.last_error and receiver.requests == []
    subscription.allow_internal_host = True
    service.save_subscription(subscription)
    with django_capture_on_commit_callbacks(execute=True):
        service.retry_now(refused)
    refused.refresh_from_db()
    assert refused.status == DeliveryStatus.DELIVERED
    assert receiver.events()[0]["type"] == "nl.gehoord.webhook.test"


def test_a_response_is_announced_without_its_answers(
    client, org_a, receiver, immediate_huey, django_capture_on_commit_callbacks
):
    questionnaire = build_questionnaire(org_a)
    make_subscription(org_a, receiver.url, ["response.received"])
    with django_capture_on_commit_callbacks(execute=True):
        answer_open_link(client, questionnaire, "4", "192.0.2.10")
    [event] = receiver.events()
    assert event["type"] == "nl.gehoord.response.received"
    assert set(event["data"]) == {"response", "questionnaire", "version", "channel", "in_review"}
    assert event["data"]["questionnaire"] == questionnaire.pk


def test_an_overdue_follow_up_is_announced_once(org_a, receiver):
    subscription, _secret = make_subscription(org_a, receiver.url, ["followup.overdue"])
    overdue = make_follow_up(org_a, due_on=date(2026, 11, 20))
    make_follow_up(org_a, due_on=date(2026, 12, 20))  # not overdue
    assert reminders.notice(today=date(2026, 11, 30)) == 1
    assert reminders.notice(today=date(2026, 11, 30)) == 0
    assert delivery.retry_due() == 1
    [event] = receiver.events()
    assert event["id"] == f"followup-overdue-{overdue.pk}-2026-11-20"
    assert Delivery.objects.filter(subscription=subscription).count() == 1


def test_the_secret_is_encrypted_at_rest(org_a, receiver):
    subscription, secret = make_subscription(org_a, receiver.url, ["export.ready"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM webhooks_subscription WHERE id = %s", [subscription.pk])
        stored = cursor.fetchone()[0]
    assert stored.startswith("fernet:") and secret not in stored
    assert secret.startswith("whsec_")


def test_other_organisations_events_are_not_delivered(org_a, org_b, receiver):
    make_subscription(org_b, receiver.url, ["followup.overdue"])
    make_follow_up(org_a, due_on=date(2026, 11, 20))
    assert reminders.notice(today=date(2026, 11, 30)) == 0


def test_every_event_type_has_a_label():
    from gehoord.tenancy.events import EVENT_TYPES
    from gehoord.webhooks.models import EVENT_LABELS

    assert tuple(EVENT_LABELS) == EVENT_TYPES
