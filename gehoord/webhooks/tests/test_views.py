"""The administrators' webhook screens."""

import pytest
from django.urls import reverse

from gehoord.tenancy.roles import Role
from gehoord.webhooks.models import Delivery, DeliveryStatus, Subscription

from .factories import make_subscription

pytestmark = pytest.mark.django_db

URL = "/beheer/webhooks/"


def test_urls_and_tab(client_a):
    assert reverse("webhooks:list") == URL
    page = client_a.get(URL).content.decode()
    assert f'href="{URL}" aria-current="page"' in page
    assert "Er zijn nog geen webhook-abonnementen." in page


def test_only_administrators(client, make_member, org_a):
    analyst = make_member(Role.ANALYST, org_a)
    client.force_login(analyst)
    assert client.get(URL).status_code == 403


def test_a_loopback_address_is_refused_unless_allowed(client_a, org_a, receiver):
    data = {"url": receiver.url, "description": "Zaaksysteem", "event_types": ["export.ready"]}
    refused = client_a.post(URL + "nieuw/", {**data, "enabled": "on"})
    assert refused.status_code == 200
    assert "gehoord mag dit adres niet aanroepen" in refused.content.decode()
    assert not Subscription.objects.exists()
    made = client_a.post(URL + "nieuw/", {**data, "enabled": "on", "allow_internal_host": "on"})
    assert made.status_code == 200 and made["Cache-Control"] == "no-store"
    subscription = Subscription.objects.get(organisation=org_a)
    assert subscription.secret in made.content.decode()
    assert subscription.event_types == ["export.ready"]
    # Never shown again.
    assert subscription.secret not in client_a.get(URL + f"{subscription.pk}/").content.decode()


def test_test_button_and_delivery_log(
    client_a, org_a, receiver, immediate_huey, django_capture_on_commit_callbacks
):
    subscription, _secret = make_subscription(org_a, receiver.url, ["export.ready"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(URL + f"{subscription.pk}/test/")
    assert response.status_code == 302
    [event] = receiver.events()
    assert event["type"] == "nl.gehoord.webhook.test"
    page = client_a.get(URL + f"{subscription.pk}/").content.decode()
    assert "nl.gehoord.webhook.test" in page and event["id"] in page
    assert "Bezorgd" in page


def test_a_given_up_delivery_can_be_sent_again(
    client_a, org_a, receiver, immediate_huey, django_capture_on_commit_callbacks
):
    subscription, _secret = make_subscription(
        org_a, receiver.url, ["export.ready"], allow_internal_host=False
    )
    with django_capture_on_commit_callbacks(execute=True):
        client_a.post(URL + f"{subscription.pk}/test/")
    failed = Delivery.objects.get()
    assert failed.status == DeliveryStatus.FAILED
    page = client_a.get(URL + f"{subscription.pk}/").content.decode()
    assert "internal address" in page and "Opnieuw versturen" in page
    subscription.allow_internal_host = True
    subscription.save()
    with django_capture_on_commit_callbacks(execute=True):
        client_a.post(URL + f"levering/{failed.pk}/opnieuw/")
    failed.refresh_from_db()
    assert failed.status == DeliveryStatus.DELIVERED and failed.attempts == 2


def test_new_secret_and_remove(client_a, org_a, receiver):
    subscription, secret = make_subscription(org_a, receiver.url, ["export.ready"])
    page = client_a.post(URL + f"{subscription.pk}/nieuw-geheim/").content.decode()
    subscription.refresh_from_db()
    assert subscription.secret != secret and subscription.secret in page
    assert client_a.post(URL + f"{subscription.pk}/verwijderen/").status_code == 302
    assert not Subscription.objects.exists()
