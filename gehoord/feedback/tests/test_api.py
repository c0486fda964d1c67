"""POST and GET /api/v1/signals with an organisation's API key."""

import json
from datetime import date

import pytest

from gehoord.catalog.tests.factories import make_service
from gehoord.contacts.tests.factories import make_contact
from gehoord.feedback.models import Signal, SignalSource
from gehoord.feedback.tests.factories import make_signal
from gehoord.tenancy import service as tenancy_service

pytestmark = pytest.mark.django_db
URL = "/api/v1/signals"


@pytest.fixture
def key(org_a):
    return tenancy_service.create_api_key(org_a, "klachtensysteem")[1]


def post(client, key, body):
    return client.post(
        URL, data=json.dumps(body), content_type="application/json", headers={"X-API-Key": key}
    )


def test_post_and_read_signals(client, key, org_a, org_b):
    make_service(org_a, "Wmo", code="wmo-hh")
    make_contact(org_a, "Anna de Jong")
    response = post(
        client,
        key,
        {
            "kind": "complaint",
            "received_on": "2026-03-02",
            "service": "wmo-hh",
            "text": "Anna de Jong, bel 06-12345678, wacht te lang.",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["due_on"] == "2026-04-13" and body["service"] == "wmo-hh"
    assert Signal.objects.get().source == SignalSource.API
    make_signal(org_b, "complaint", "van B", received_on=date(2026, 3, 2))
    listed = client.get(URL, headers={"X-API-Key": key}).json()
    assert len(listed) == 1
    assert listed[0]["text"] == "[naam], bel [telefoonnummer], wacht te lang."


@pytest.mark.parametrize(
    "body, status",
    [
        ({"kind": "complaint", "received_on": "2026-03-02", "text": ""}, 422),
        ({"kind": "complaint", "received_on": "2026-03-02", "text": "x" * 5001}, 422),
        ({"kind": "nonsense", "received_on": "2026-03-02", "text": "x"}, 422),
        ({"kind": "complaint", "received_on": "2026-03-02", "text": "x", "service": "nope"}, 422),
        (
            {
                "kind": "complaint",
                "received_on": "2026-03-02",
                "text": "x",
                "decided_on": "2026-01-01",
                "outcome": "unfounded",
            },
            422,
        ),
    ],
)
def test_bad_input_stores_nothing(client, key, body, status):
    assert post(client, key, body).status_code == status
    assert not Signal.objects.exists()


def test_key_is_needed(client):
    assert client.get(URL).status_code == 401


@pytest.mark.parametrize(
    "change",
    [
        {"text": "Te lang\x00 gewacht"},
        {"reference": "Z-1\x00"},
        {"team": "KCC\x0b"},
        {"service": "\x00"},
    ],
)
def test_control_characters_are_refused_with_422_not_500(client, key, change):
    body = {"kind": "complaint", "received_on": "2026-03-02", "text": "Te lang gewacht"}
    response = post(client, key, {**body, **change})
    assert response.status_code == 422, response.content
    assert "stuurteken" in json.dumps(response.json(), ensure_ascii=False)
    assert not Signal.objects.exists()
