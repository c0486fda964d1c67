"""Secrets of connections are encrypted in the database and can be re-keyed."""

import io

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection

from gehoord.encrypted_fields import _keys, new_key
from gehoord.outreach.models import ZgwConnection
from gehoord.outreach.tests.factories import make_zgw_connection


def stored_secret(pk: int) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM outreach_zgwconnection WHERE id = %s", [pk])
        return cursor.fetchone()[0]


@pytest.fixture(autouse=True)
def fresh_keys():
    _keys.cache_clear()
    yield
    _keys.cache_clear()


def test_the_secret_is_encrypted_in_the_database(org_a):
    made = make_zgw_connection(org_a, secret="geheim-" * 5)
    raw = stored_secret(made.pk)
    assert raw.startswith("fernet:") and "geheim" not in raw
    assert ZgwConnection.objects.get(pk=made.pk).secret == "geheim-" * 5


def test_keys_can_be_rotated(org_a, settings):
    old, new = new_key(), new_key()
    settings.GEHOORD_SECRETS_KEY = [old]
    made = make_zgw_connection(org_a, secret="s3cret-value")
    before = stored_secret(made.pk)

    settings.GEHOORD_SECRETS_KEY = [new, old]  # the new key first, the old one still reads
    assert ZgwConnection.objects.get(pk=made.pk).secret == "s3cret-value"
    call_command("reencrypt", stdout=io.StringIO())
    assert stored_secret(made.pk) != before

    settings.GEHOORD_SECRETS_KEY = [new]  # the old key gone: still readable
    assert ZgwConnection.objects.get(pk=made.pk).secret == "s3cret-value"


def test_a_missing_key_is_a_clear_error(org_a, settings):
    settings.GEHOORD_SECRETS_KEY = [new_key()]
    made = make_zgw_connection(org_a, secret="s3cret-value")
    settings.GEHOORD_SECRETS_KEY = [new_key()]
    with pytest.raises(ImproperlyConfigured, match="cannot be decrypted"):
        ZgwConnection.objects.get(pk=made.pk)


def test_the_admin_never_shows_the_secret_again(admin_client, org_a):
    made = make_zgw_connection(org_a, secret="zichtbaar-niet-" * 3)
    page = admin_client.get(f"/admin/outreach/zgwconnection/{made.pk}/change/").content.decode()
    assert "zichtbaar-niet" not in page
    # Saving without typing a new secret keeps the old one.
    response = admin_client.post(
        f"/admin/outreach/zgwconnection/{made.pk}/change/",
        {
            "owner": org_a.pk,
            "client_id": "ander",
            "secret": "",
            "api_roots": "",
            "allowed_internal_hosts": "",
        },
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.client_id == "ander" and made.secret == "zichtbaar-niet-" * 3
