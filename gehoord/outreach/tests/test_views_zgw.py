"""ZGW screens: the connection, zaaktypes, and the connection test against a real local
HTTP server (a thread in this test process)."""

import http.server
import threading

import jwt
import pytest
from django.urls import reverse

from gehoord.catalog.tests.factories import make_service
from gehoord.outreach.models import ZaaktypeMapping, ZgwConnection, webhook_token_digest
from gehoord.outreach.tests.factories import make_zgw_connection, map_zaaktype
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db

SECRET = "een-gedeeld-geheim-van-32-tekens!"


class ZakenApi(http.server.BaseHTTPRequestHandler):
    """Answers 200 to a request signed with SECRET, 403 otherwise."""

    seen: list[str] = []

    def do_GET(self):  # noqa: N802 - the standard library's name
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"])
        except jwt.InvalidTokenError:
            self.send_response(403)
        else:
            ZakenApi.seen.append(claims["client_id"])
            self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def zaken_api():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ZakenApi)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    ZakenApi.seen = []
    yield f"http://127.0.0.1:{server.server_port}/zaken/api/v1/"
    server.shutdown()
    server.server_close()


def roots(zaken_api: str) -> dict[str, str]:
    """The form's address fields for the local Zaken API (an internal host, so allowed)."""
    return {"api_roots": zaken_api, "allowed_internal_hosts": "127.0.0.1"}


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_set_up_and_test_the_connection(client_a, org_a, zaken_api):
    url = reverse("outreach:zgw_connection")
    missing = client_a.post(url, {"api_roots": "", "client_id": "gehoord", "secret": ""})
    page = missing.content.decode()
    assert "Vul het geheim in." in page and "Vul ten minste het adres van de Zaken API in." in page
    assert not ZgwConnection.objects.exists()

    saved = client_a.post(url, {**roots(zaken_api), "client_id": "gehoord", "secret": SECRET})
    assert saved.status_code == 200 and "no-store" in saved["Cache-Control"]
    token = saved.context["token"]
    assert len(token) >= 40 and f"Token {token}" in saved.content.decode()
    connection = ZgwConnection.objects.get(organisation=org_a)
    # Only the digest is stored; the overview never shows the token again.
    assert connection.webhook_token_hash == webhook_token_digest(token) != token
    overview = client_a.get(reverse("outreach:zgw")).content.decode()
    assert token not in overview and "/api/v1/zgw/notificaties" in overview

    tested = client_a.post(reverse("outreach:zgw_test"), follow=True)
    assert messages_of(tested) == ["De koppeling werkt: de Zaken API gaf antwoord (HTTP 200)."]
    assert ZakenApi.seen == ["gehoord"]

    # Changing without a secret keeps the old one; a wrong secret is refused by the API.
    client_a.post(url, {**roots(zaken_api), "client_id": "gehoord-2", "secret": ""})
    connection.refresh_from_db()
    assert connection.secret == SECRET and connection.client_id == "gehoord-2"
    client_a.post(url, {**roots(zaken_api), "client_id": "gehoord", "secret": "fout" * 8})
    tested = client_a.post(reverse("outreach:zgw_test"), follow=True)
    assert "weigerde ons (HTTP 403)" in messages_of(tested)[-1]

    log = client_a.get(reverse("tenancy:audit_log")).content.decode()
    assert "gehoord-2" in log
    assert SECRET not in log and token not in log and connection.webhook_token_hash not in log


def test_a_new_token_replaces_the_old_one_and_is_shown_once(client_a, client, org_a):
    make_zgw_connection(org_a, webhook_token="oud-token")
    notification = {
        "kanaal": "zaken",
        "hoofdObject": "https://zaken.example.nl/zaken/1",
        "resource": "status",
        "resourceUrl": "https://zaken.example.nl/statussen/1",
        "actie": "create",
    }

    def notify(token: str):
        return client.post(
            reverse("api:zgw_notification"),
            notification,
            content_type="application/json",
            headers={"Authorization": f"Token {token}"},
        )

    assert notify("fout").status_code == 401
    assert notify("oud-token").status_code != 401
    rotated = client_a.post(reverse("outreach:zgw_token"))
    assert rotated.status_code == 200 and "no-store" in rotated["Cache-Control"]
    token = rotated.context["token"]
    assert f"Token {token}" in rotated.content.decode()
    assert notify("oud-token").status_code == 401
    assert notify(token).status_code != 401
    assert token not in client_a.get(reverse("outreach:zgw")).content.decode()


def test_unreachable_api_gives_a_clear_message(client_a, org_a):
    make_zgw_connection(
        org_a, api_roots="http://127.0.0.1:9/zaken/api/v1/", allowed_internal_hosts="127.0.0.1"
    )
    tested = client_a.post(reverse("outreach:zgw_test"), follow=True)
    [message] = messages_of(tested)
    assert message.startswith("Geen antwoord van http://127.0.0.1:9/zaken/api/v1/")


def test_the_test_refuses_an_internal_address_that_is_not_allowed(client_a, org_a, zaken_api):
    make_zgw_connection(org_a, api_roots=zaken_api, secret=SECRET)
    tested = client_a.post(reverse("outreach:zgw_test"), follow=True)
    [message] = messages_of(tested)
    assert message.startswith(f"gehoord mag {zaken_api} niet aanroepen")
    assert "intern adres" in message or "internal address" in message
    assert ZakenApi.seen == []  # nothing was sent


def test_an_address_that_is_no_url_is_refused(client_a):
    page = client_a.post(
        reverse("outreach:zgw_connection"),
        {"api_roots": "zaken.gemeente.nl/api\nftp://x", "client_id": "gehoord", "secret": SECRET},
    ).content.decode()
    assert "is geen volledig webadres" in page
    assert not ZgwConnection.objects.exists()


def test_test_without_connection(client_a):
    tested = client_a.post(reverse("outreach:zgw_test"), follow=True)
    assert messages_of(tested) == ["Stel eerst de koppeling in."]


def test_zaaktype_mappings(client_a, org_a, org_b):
    paspoort = make_service(org_a, "Paspoort")
    foreign = make_service(org_b, "Rijbewijs")
    url = reverse("outreach:zgw_mapping_create")
    zaaktype = "https://catalogi.example.nl/api/v1/zaaktypen/1"
    assert client_a.post(url, {"zaaktype_url": zaaktype, "service": paspoort.pk}).status_code == 302
    again = client_a.post(url, {"zaaktype_url": zaaktype, "service": paspoort.pk})
    assert "Dit zaaktype is al gekoppeld aan een dienst." in again.content.decode()
    stolen = client_a.post(url, {"zaaktype_url": zaaktype + "9", "service": foreign.pk})
    assert "Selecteer een geldige keuze" in stolen.content.decode()
    bad = client_a.post(url, {"zaaktype_url": "geen adres", "service": paspoort.pk})
    assert "Voer een geldige URL in." in bad.content.decode()
    mapping = ZaaktypeMapping.objects.get()
    assert mapping.organisation == org_a
    delete = reverse("outreach:zgw_mapping_delete", args=[mapping.pk])
    assert client_a.post(delete).status_code == 302
    assert not ZaaktypeMapping.objects.exists()


def test_mapping_list_query_count_does_not_grow(client_a, org_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_zgw_connection(org_a)

    def fill(start, count):
        for i in range(start, start + count):
            map_zaaktype(make_service(org_a, f"Dienst {i}"), f"https://c.example.nl/zt/{i}")

    fill(0, 2)
    with CaptureQueriesContext(connection) as few:
        assert client_a.get(reverse("outreach:zgw")).status_code == 200
    fill(2, 30)
    with CaptureQueriesContext(connection) as many:
        page = client_a.get(reverse("outreach:zgw"))
    assert len(many) == len(few) and len(page.context["mappings"]) == 25


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_zgw_screens_are_for_administrators_only(client, make_member, org_a, role):
    mapping = map_zaaktype(make_service(org_a, "Paspoort"), "https://c.example.nl/zt/1")
    client.force_login(make_member(role, org_a))
    for url in (reverse("outreach:zgw"), reverse("outreach:zgw_connection")):
        assert client.get(url).status_code == 403
    assert client.post(reverse("outreach:zgw_test")).status_code == 403
    assert client.post(reverse("outreach:zgw_mapping_delete", args=[mapping.pk])).status_code == 403


def test_mapping_of_another_organisation_is_not_found(client_a, org_b):
    mapping = map_zaaktype(make_service(org_b, "Rijbewijs"), "https://c.example.nl/zt/1")
    assert (
        client_a.get(reverse("outreach:zgw_mapping_update", args=[mapping.pk])).status_code == 404
    )
    assert (
        client_a.post(reverse("outreach:zgw_mapping_delete", args=[mapping.pk])).status_code == 404
    )
    assert ZaaktypeMapping.objects.filter(pk=mapping.pk).exists()
