"""POST /api/v1/events with an organisation's API key."""

import json

import pytest

from gehoord.catalog.tests.factories import make_service
from gehoord.framework.tests.factories import make_questionnaire
from gehoord.outreach.models import EventKind, Invitation, ServiceEvent
from gehoord.outreach.tests.factories import make_rule
from gehoord.tenancy import service as tenancy_service

URL = "/api/v1/events"


@pytest.fixture
def key(org_a):
    return tenancy_service.create_api_key(org_a, "zaaksysteem")[1]


@pytest.fixture
def wmo(org_a):
    service = make_service(org_a, "Wmo", code="wmo-hh")
    make_rule(service, make_questionnaire(org_a, "Wmo"), EventKind.COMPLETED, ["email"])
    return service


def post(client, key, body):
    return client.post(
        URL, data=json.dumps(body), content_type="application/json", headers={"X-API-Key": key}
    )


EVENT = {
    "service": "wmo-hh",
    "kind": "completed",
    "date": "2026-11-01",
    "external_id": "z-1",
    "contact": {"name": "Jan", "email": "jan@example.org", "district": "Noord"},
}


def test_post_event(client, key, wmo, org_a):
    response = post(client, key, EVENT)
    assert response.status_code == 201, response.content
    assert response.json()["created"] and response.json()["invitations"] == 1
    again = post(client, key, EVENT)
    assert again.status_code == 200 and not again.json()["created"]
    assert ServiceEvent.objects.get().organisation == org_a
    assert Invitation.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"kind": "opgeheven"}, "kind"),
        ({"date": "31-11-2026"}, "date"),
        ({"contact": {"email": "geen-adres"}}, "email"),
        ({"contact": {"birth_year": 1700, "email": "a@example.org"}}, "birth_year"),
    ],
)
def test_bad_fields_give_422_with_field_errors(client, key, wmo, change, expected):
    response = post(client, key, {**EVENT, **change})
    assert response.status_code == 422
    assert expected in json.dumps(response.json())
    assert ServiceEvent.objects.count() == 0


def test_unknown_service_or_missing_contact_route(client, key, wmo):
    response = post(client, key, {**EVENT, "service": "bestaat-niet"})
    assert response.status_code == 422 and "unknown service" in response.json()["detail"]
    response = post(client, key, {**EVENT, "contact": {"name": "Alleen naam"}})
    assert response.status_code == 422
    assert ServiceEvent.objects.count() == 0


def test_key_of_other_organisation_cannot_use_our_services(client, org_b, wmo):
    other_key = tenancy_service.create_api_key(org_b, "elders")[1]
    response = post(client, other_key, EVENT)
    assert response.status_code == 422  # org B has no service "wmo-hh"
    assert ServiceEvent.objects.count() == 0


def test_revoked_or_wrong_key(client, org_a, wmo):
    api_key, secret = tenancy_service.create_api_key(org_a, "oud")
    tenancy_service.revoke(api_key)
    assert post(client, secret, EVENT).status_code == 401
    assert post(client, secret[:-2] + "xx", EVENT).status_code == 401
    assert (
        client.post(URL, data=json.dumps(EVENT), content_type="application/json").status_code == 401
    )


def test_openapi_is_public_and_lists_the_endpoint(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/events" in schema["paths"]


@pytest.mark.parametrize(
    "change",
    [
        {"external_id": "z-\x00"},
        {"provider": "Zorg\x00Plus"},
        {"contact": {"name": "Jan\x00", "email": "jan@example.org"}},
        {"contact": {"city": "Utrecht\x07", "email": "jan@example.org"}},
        {"service": "wmo-hh\x1b"},
    ],
)
def test_control_characters_are_refused_with_422_not_500(client, key, wmo, change):
    response = post(client, key, {**EVENT, **change})
    assert response.status_code == 422, response.content
    assert "stuurteken" in json.dumps(response.json(), ensure_ascii=False)
    assert not ServiceEvent.objects.exists()


def test_tab_and_newline_are_plain_text(client, key, wmo):
    contact = {**EVENT["contact"], "name": "Jan\tde\r\nVries"}
    assert post(client, key, {**EVENT, "contact": contact}).status_code == 201


def test_control_characters_in_a_zgw_notification_are_refused(client, org_a):
    from gehoord.outreach.models import ZgwNotification
    from gehoord.outreach.tests.factories import make_zgw_connection

    make_zgw_connection(org_a, "abonnement-1", client_id="gehoord", secret="s" * 32)
    body = {
        "kanaal": "zaken",
        "hoofdObject": "http://zgw/zaken/7",
        "resource": "status",
        "resourceUrl": "http://zgw/statussen/1",
        "actie": "create",
        "kenmerken": {"zaaktype": "http://zgw/zaaktypen/\x00"},
    }
    response = client.post(
        "/api/v1/zgw/notificaties",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": "Token abonnement-1"},
    )
    assert response.status_code == 422, response.content
    assert not ZgwNotification.objects.exists()
