"""The administrators' single sign-on screen: set up (with discovery), change, remove."""

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.urls import reverse

from gehoord.sso.models import OidcProvider
from gehoord.tenancy.roles import Role

from .factories import CLIENT_SECRET, make_oidc_provider

pytestmark = pytest.mark.django_db

URL = "/beheer/sso/"


def form_data(server, **changes):
    return {
        "name": "Zuiderstad Account",
        "issuer": server.issuer,
        "client_id": "gehoord-test",
        "client_secret": CLIENT_SECRET,
        "allowed_domains": "Zuiderstad.example\n@ambtenaar.example",
        "role_claim": "groups",
        "role_mapping": "klantbeleving-beheer = administrator",
        "default_role": "",
        "enabled": "on",
        "allowed_internal_hosts": "127.0.0.1",
        **changes,
    }


def stored_secret(provider) -> str:
    table = OidcProvider._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT client_secret FROM {table} WHERE id = %s", [provider.pk])
        return cursor.fetchone()[0]


def test_url_and_tab(client_a):
    assert reverse("sso:settings") == URL
    page = client_a.get(URL).content.decode()
    assert f'href="{URL}" aria-current="page"' in page
    assert "http://testserver/inloggen/sso-terug/" in page


def test_set_up_reads_the_addresses_from_discovery(client_a, org_a, oidc_server):
    response = client_a.post(URL, form_data(oidc_server))
    assert response.status_code == 302, response.content.decode()
    provider = OidcProvider.objects.get(organisation=org_a)
    assert provider.token_endpoint == f"{oidc_server.issuer}/token"
    assert provider.jwks_uri == f"{oidc_server.issuer}/jwks"
    assert provider.end_session_endpoint == f"{oidc_server.issuer}/logout"
    assert provider.domains() == ["zuiderstad.example", "ambtenaar.example"]
    # Encrypted at rest, and never shown again.
    assert stored_secret(provider).startswith("fernet:")
    assert CLIENT_SECRET not in stored_secret(provider)
    assert provider.client_secret == CLIENT_SECRET
    assert CLIENT_SECRET not in client_a.get(URL).content.decode()
    # The audit log records the change, but not the secret.
    entry = LogEntry.objects.get_for_object(provider).get()
    assert "client_secret" not in entry.changes and CLIENT_SECRET not in str(entry.changes)


def test_change_without_secret_keeps_it(client_a, org_a, oidc_server):
    provider = make_oidc_provider(org_a, oidc_server)
    response = client_a.post(URL, form_data(oidc_server, client_secret="", name="Nieuwe naam"))
    assert response.status_code == 302
    provider.refresh_from_db()
    assert (provider.name, provider.client_secret) == ("Nieuwe naam", CLIENT_SECRET)


def test_bad_input_gets_dutch_messages(client_a, oidc_server):
    response = client_a.post(
        URL,
        form_data(
            oidc_server,
            client_secret="",
            allowed_domains="geen domein",
            role_mapping="beheer = baas",
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Vul het client secret in." in page
    assert "geen domein is geen domein" in page
    assert "Deze regel is niet" in page
    assert not OidcProvider.objects.exists()


def test_unreachable_or_internal_issuer_is_a_form_error(client_a, oidc_server):
    # Without 127.0.0.1 among the allowed internal hosts the SSRF guard refuses it.
    response = client_a.post(URL, form_data(oidc_server, allowed_internal_hosts=""))
    assert response.status_code == 200
    assert "gehoord kon de instellingen van deze identity provider niet lezen" in (
        response.content.decode()
    )
    assert not OidcProvider.objects.exists()


def test_remove(client_a, org_a, oidc_server):
    make_oidc_provider(org_a, oidc_server)
    assert client_a.post(reverse("sso:delete")).status_code == 302
    assert not OidcProvider.objects.exists()


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_only_administrators(client, make_member, org_a, role):
    client.force_login(make_member(role, org_a))
    assert client.get(URL).status_code == 403
    assert client.post(reverse("sso:delete")).status_code == 403


def test_other_organisations_administrator_neither_sees_nor_changes_it(
    client, make_member, org_a, org_b, oidc_server
):
    provider = make_oidc_provider(org_a, oidc_server, name="AlleenVoorAlfa")
    client.force_login(make_member(Role.ADMINISTRATOR, org_b))
    page = client.get(URL).content.decode()
    assert "AlleenVoorAlfa" not in page and provider.client_id not in page
    client.post(reverse("sso:delete"))
    client.post(URL, form_data(oidc_server, name="Overgenomen"))
    provider.refresh_from_db()
    assert provider.name == "AlleenVoorAlfa"
    assert OidcProvider.objects.get(organisation=org_b).name == "Overgenomen"
