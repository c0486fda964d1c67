"""Failed log-ins are throttled per account and per address (django-axes)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from gehoord.conftest import PASSWORD

LIMIT = 5


@pytest.fixture(autouse=True)
def limits(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.GEHOORD_TRUSTED_PROXY_HEADER = "X-Forwarded-For"
    settings.GEHOORD_TRUSTED_PROXY_COUNT = 1


def without_csrf_token(page: str) -> str:
    """The page without its CSRF tokens, which differ on every page."""
    page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
    return re.sub(r'"X-CSRFToken": "[^"]+"', "", page)


def log_in(client, username, password, address="203.0.113.7"):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        HTTP_X_FORWARDED_FOR=address,
    )


def test_the_account_is_locked_after_too_many_wrong_passwords(client, admin_a):
    for _ in range(LIMIT - 1):
        assert log_in(client, admin_a.username, "fout").status_code == 200
    locked = log_in(client, admin_a.username, "fout")
    assert locked.status_code == 429
    # Even the right password is refused now, from another address too.
    refused = log_in(client, admin_a.username, PASSWORD, address="198.51.100.20")
    assert refused.status_code == 429
    page = refused.content.decode()
    assert "U kunt even niet inloggen" in page
    assert "over 15 minuten" in page
    assert "_auth_user_id" not in client.session


def test_an_address_trying_many_accounts_is_locked(client, admin_a):
    for number in range(LIMIT):
        log_in(client, f"gok-{number}@example.org", "fout")
    # A real account with the right password, from that address: refused.
    assert log_in(client, admin_a.username, PASSWORD).status_code == 429
    # The same account from another address still works.
    assert log_in(client, admin_a.username, PASSWORD, address="198.51.100.20").status_code == 302


def test_unknown_and_known_accounts_get_the_same_lock_out(client, admin_a):
    pages = []
    for username in (admin_a.username, "bestaat-niet@example.org"):
        for _ in range(LIMIT):
            response = log_in(client, username, "fout", address=f"198.51.100.{len(pages) + 1}")
        pages.append(response)
    assert [p.status_code for p in pages] == [429, 429]
    first, second = (without_csrf_token(p.content.decode()) for p in pages)
    assert first == second


def test_log_in_works_again_after_the_cool_off(client, admin_a, clock):
    for _ in range(LIMIT):
        log_in(client, admin_a.username, "fout")
    assert log_in(client, admin_a.username, PASSWORD).status_code == 429
    clock.shift(timedelta(minutes=16))
    assert log_in(client, admin_a.username, PASSWORD).status_code == 302


def test_a_good_log_in_resets_the_count(client, admin_a):
    for _ in range(LIMIT - 1):
        log_in(client, admin_a.username, "fout")
    assert log_in(client, admin_a.username, PASSWORD).status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        log_in(client, admin_a.username, "fout")
    assert log_in(client, admin_a.username, PASSWORD).status_code == 302


def test_without_a_trusted_proxy_the_header_cannot_dodge_the_lock(client, admin_a, settings):
    settings.GEHOORD_TRUSTED_PROXY_HEADER = ""
    for number in range(LIMIT):
        log_in(client, f"gok-{number}@example.org", "fout", address=f"198.51.100.{number}")
    # Every attempt came from the test client's own address, whatever the header said.
    assert log_in(client, "nog-een@example.org", "fout", address="192.0.2.99").status_code == 429
