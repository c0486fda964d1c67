"""ZGW Notificaties webhook against a local fake ZGW API (real HTTP)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import jwt
import pytest
from django.test import TestCase
from huey.contrib.djhuey import HUEY

from gehoord.catalog.tests.factories import make_service
from gehoord.outreach.models import (
    ServiceEvent,
    ZaaktypeMapping,
    ZgwConnection,
    ZgwNotification,
)
from gehoord.outreach.tests.factories import make_zgw_connection, map_zaaktype

URL = "/api/v1/zgw/notificaties"
ZAAKTYPE = "https://catalogi.example/api/v1/zaaktypen/paspoort"


class FakeZgw(BaseHTTPRequestHandler):
    base = ""
    end_status = True
    seen_tokens: list = []
    documents: dict = {}
    redirect_to = ""

    def do_GET(self):  # noqa: N802 - http.server's API
        FakeZgw.seen_tokens.append(self.headers["Authorization"])
        path = self.path.split("?")[0]
        if path == "/zaken/api/v1/statussen/doorsturen":
            self.send_response(302)
            self.send_header("Location", FakeZgw.redirect_to)
            self.end_headers()
            return
        body = {
            "/zaken/api/v1/statussen/1": {
                "statustype": f"{self.base}/catalogi/statustypen/9",
                "datumStatusGezet": "2026-11-20T10:00:00Z",
            },
            "/catalogi/statustypen/9": {"isEindstatus": FakeZgw.end_status},
            "/zaken/api/v1/zaken/7": {"url": f"{self.base}/zaken/api/v1/zaken/7"},
            "/zaken/api/v1/rollen": {
                "results": [
                    {"contactpersoonRol": {"naam": "Noor", "emailadres": "noor@example.org"}}
                ]
            },
        }.get(path)
        self.send_response(200 if body else 404)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(body or {}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def zgw(org_a):
    server = HTTPServer(("127.0.0.1", 0), FakeZgw)
    FakeZgw.base = f"http://127.0.0.1:{server.server_port}"
    FakeZgw.end_status, FakeZgw.seen_tokens = True, []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    connection = make_zgw_connection(
        org_a,
        "abonnement-1",
        client_id="gehoord",
        secret="s" * 32,
        api_roots=f"{FakeZgw.base}/zaken/api/v1/\n{FakeZgw.base}/catalogi/",
        allowed_internal_hosts="127.0.0.1",
    )
    map_zaaktype(make_service(org_a, "Paspoort", code="paspoort"), ZAAKTYPE)
    HUEY.immediate = True
    yield connection
    HUEY.immediate = False
    server.shutdown()


def notification(**change):
    body = {
        "kanaal": "zaken",
        "hoofdObject": f"{FakeZgw.base}/zaken/api/v1/zaken/7",
        "resource": "status",
        "resourceUrl": f"{FakeZgw.base}/zaken/api/v1/statussen/1",
        "actie": "create",
        "aanmaakdatum": "2026-11-20T10:00:01Z",
        "kenmerken": {"zaaktype": ZAAKTYPE, "bronorganisatie": "123456789"},
    }
    body.update(change)
    return body


def post(client, body, token="abonnement-1"):
    # The notification is processed once it is committed (inline here: HUEY.immediate).
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            URL,
            data=json.dumps(body),
            content_type="application/json",
            headers={"Authorization": f"Token {token}"},
        )


def test_end_status_becomes_a_service_event(client, zgw):
    assert post(client, notification()).status_code == 204
    event = ServiceEvent.objects.get()
    assert event.source == "zgw" and event.kind == "completed"
    assert event.contact.email == "noor@example.org" and str(event.occurred_on) == "2026-11-20"
    assert ZgwNotification.objects.get().outcome == "event"
    token = FakeZgw.seen_tokens[0].removeprefix("Bearer ")
    assert jwt.decode(token, "s" * 32, algorithms=["HS256"])["client_id"] == "gehoord"
    post(client, notification())  # the same zaak again: still one event
    assert ServiceEvent.objects.count() == 1


def test_unknown_zaaktype_is_recorded_and_ignored(client, zgw):
    body = notification(kenmerken={"zaaktype": "https://catalogi.example/onbekend"})
    assert post(client, body).status_code == 204
    recorded = ZgwNotification.objects.get()
    assert recorded.outcome == "ignored" and "not mapped" in recorded.reason
    assert ServiceEvent.objects.count() == 0


def test_other_status_and_other_channels_are_ignored(client, zgw):
    FakeZgw.end_status = False
    post(client, notification())
    post(client, notification(resource="zaak", actie="update"))
    assert list(ZgwNotification.objects.order_by("pk").values_list("reason", flat=True)) == [
        "not the end status",
        "not a new zaak status",
    ]
    assert ServiceEvent.objects.count() == 0


def test_unreachable_api_is_a_recorded_failure(client, zgw):
    post(client, notification(resourceUrl=f"{FakeZgw.base}/zaken/api/v1/bestaat/niet"))
    failed = ZgwNotification.objects.get()
    assert failed.outcome == "failed" and "404" in failed.reason


def test_bad_token_and_bad_body(client, zgw):
    assert post(client, notification(), token="fout").status_code == 401
    response = post(client, {"kanaal": "zaken"})
    assert response.status_code == 422
    assert ZgwNotification.objects.count() == 0


def test_operator_sets_up_the_connection_in_the_admin(admin_client, org_a):
    service = make_service(org_a, "Rijbewijs", code="rijbewijs")
    response = admin_client.post(
        "/admin/outreach/zgwconnection/add/",
        {"owner": org_a.pk, "client_id": "gehoord", "secret": "x" * 32},
    )
    assert response.status_code == 302, response.content.decode()[:500]
    made = ZgwConnection.objects.get()
    assert made.organisation == org_a and len(made.webhook_token_hash) == 64
    response = admin_client.post(
        "/admin/outreach/zaaktypemapping/add/", {"zaaktype_url": ZAAKTYPE, "service": service.pk}
    )
    assert response.status_code == 302
    assert ZaaktypeMapping.objects.get().organisation == org_a


@pytest.mark.django_db(transaction=True)
def test_the_zgw_apis_are_read_outside_any_transaction(client, zgw, monkeypatch):
    """SQLite holds its write lock for the length of a transaction: no HTTP inside one."""
    from django.db import connection

    from gehoord.outreach import zgw as zgw_module

    states = []
    fetch = zgw_module.fetch

    def recording(*args, **kwargs):
        states.append(connection.in_atomic_block)
        return fetch(*args, **kwargs)

    monkeypatch.setattr(zgw_module, "fetch", recording)
    assert post(client, notification()).status_code == 204
    assert ZgwNotification.objects.get().outcome == "event"
    assert len(states) == 4 and not any(states), states


@pytest.mark.django_db(transaction=True)
def test_processing_twice_records_one_event(zgw):
    from gehoord.outreach import zgw as zgw_module
    from gehoord.outreach.models import ZgwConnection as Connection

    pending = zgw_module.receive(Connection.objects.get(), notification())
    zgw_module.process(pending.pk)
    zgw_module.process(pending.pk)
    assert ServiceEvent.objects.count() == 1
    assert ZgwNotification.objects.get().outcome == "event"


class Bystander(BaseHTTPRequestHandler):
    """A server that a forged notification would like gehoord to call: it records visits."""

    visits: list = []

    def do_GET(self):  # noqa: N802 - http.server's API
        Bystander.visits.append((self.path, self.headers["Authorization"]))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"statustype": "x", "isEindstatus": true}')

    def log_message(self, *args):
        pass


@pytest.fixture
def bystander():
    server = HTTPServer(("127.0.0.1", 0), Bystander)
    Bystander.visits = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.mark.parametrize(
    "resource_url",
    [
        "{bystander}/zaken/api/v1/statussen/1",  # another port: not under an API root
        "file:///etc/passwd",
        "http://localhost:{port}/zaken/api/v1/statussen/1",  # another host name
    ],
)
def test_a_notification_cannot_make_gehoord_call_elsewhere(
    client, zgw, bystander, caplog, resource_url
):
    port = FakeZgw.base.rsplit(":", 1)[1]
    url = resource_url.format(bystander=bystander, port=port)
    post(client, notification(resourceUrl=url))
    failed = ZgwNotification.objects.get()
    assert failed.outcome == "failed" and failed.reason.startswith("refused:")
    assert Bystander.visits == [] and FakeZgw.seen_tokens == []
    assert "outgoing call refused" in caplog.text


def test_a_redirect_is_not_followed(client, zgw, bystander):
    FakeZgw.redirect_to = f"{bystander}/zaken/api/v1/statussen/1"
    post(client, notification(resourceUrl=f"{FakeZgw.base}/zaken/api/v1/statussen/doorsturen"))
    failed = ZgwNotification.objects.get()
    assert failed.outcome == "failed" and "redirects are refused" in failed.reason
    assert Bystander.visits == []


def test_an_internal_host_needs_to_be_allowed(client, zgw):
    zgw.allowed_internal_hosts = ""
    zgw.save()
    post(client, notification())
    failed = ZgwNotification.objects.get()
    assert failed.outcome == "failed" and "internal address" in failed.reason
    assert FakeZgw.seen_tokens == []
