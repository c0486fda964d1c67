"""The Open Klant connection screen: set up from the UI, the webhook token shown once and
kept as a digest, the API token never shown again, clear errors, administrators only."""

import pytest

from gehoord.catalog.tests.factories import make_service
from gehoord.outreach.models import OpenKlantConnection, webhook_token_digest
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db

URL = "/beheer/open-klant/"


@pytest.fixture
def kcc(org_a):
    return make_service(org_a, "Klantcontactcentrum", code="kcc")


def form(kcc, **changes):
    return {
        "api_root": "https://openklant.voorbeeld.nl/klantinteracties/api/v1/",
        "api_token": "geheim-token-van-open-klant",
        "allowed_internal_hosts": "",
        "service": kcc.pk,
        "actor_uuid": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        **changes,
    }


def test_an_administrator_sets_up_the_connection_and_sees_the_token_once(client_a, org_a, kcc):
    assert client_a.get(URL).status_code == 200
    response = client_a.post(URL, form(kcc))
    assert response.status_code == 200 and "no-cache" in response["Cache-Control"]
    body = response.content.decode()
    assert "het abonnement op het kanaal “klantcontacten”" in body
    token = body.split("<code>Token ", 1)[1].split("</code>", 1)[0]
    connection = OpenKlantConnection.objects.get(organisation=org_a)
    assert connection.webhook_token_hash == webhook_token_digest(token)
    assert connection.api_token == "geheim-token-van-open-klant"
    # Shown again nowhere: not the webhook token, not the API token.
    page = client_a.get(URL).content.decode()
    assert token not in page and "geheim-token-van-open-klant" not in page
    assert "/api/v1/openklant/notificaties" in page


def test_a_change_keeps_the_token_and_a_new_token_replaces_the_old(client_a, org_a, kcc):
    client_a.post(URL, form(kcc))
    first = OpenKlantConnection.objects.get(organisation=org_a)
    changed = client_a.post(URL, form(kcc, api_token="", actor_uuid=""))
    assert changed.status_code == 302
    kept = OpenKlantConnection.objects.get(organisation=org_a)
    assert kept.api_token == first.api_token and kept.webhook_token_hash == first.webhook_token_hash
    renewed = client_a.post(URL + "nieuw-token/")
    assert renewed.status_code == 200
    assert OpenKlantConnection.objects.get(organisation=org_a).webhook_token_hash != (
        first.webhook_token_hash
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"api_token": ""}, "Vul het API-token in"),
        ({"api_root": "geen adres"}, "Voer een geldige URL in"),
        ({"actor_uuid": "jan"}, "Dit is geen uuid"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(client_a, org_a, kcc, changes, message):
    response = client_a.post(URL, form(kcc, **changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not OpenKlantConnection.objects.exists()


def test_another_organisations_service_cannot_be_chosen(client_a, org_a, org_b):
    foreign = make_service(org_b, "KCC B", code="kcc")
    response = client_a.post(URL, form(foreign))
    assert response.status_code == 200
    assert not OpenKlantConnection.objects.exists()


def test_only_administrators(client, org_a, kcc, make_member):
    client.force_login(make_member(Role.ANALYST, org_a))
    assert client.get(URL).status_code == 403
    assert client.post(URL, form(kcc)).status_code == 403
    assert not OpenKlantConnection.objects.exists()
