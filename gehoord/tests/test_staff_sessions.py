"""A staff session ends after a period without activity."""

from datetime import timedelta

from django.urls import reverse


def test_an_idle_session_is_logged_out(client_a, clock, settings):
    settings.GEHOORD_SESSION_IDLE_MINUTES = 30
    assert client_a.get(reverse("home")).status_code == 200
    clock.shift(timedelta(minutes=31))
    response = client_a.get(reverse("home"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))
    assert "_auth_user_id" not in client_a.session
    assert "U bent uitgelogd omdat u een tijd niets heeft gedaan" in response.content.decode()


def test_activity_keeps_the_session_alive(client_a, clock, settings):
    settings.GEHOORD_SESSION_IDLE_MINUTES = 30
    for _ in range(4):
        assert client_a.get(reverse("home")).status_code == 200
        clock.shift(timedelta(minutes=20))
    assert client_a.get(reverse("home")).status_code == 200
    assert "_auth_user_id" in client_a.session


def test_residents_without_an_account_are_not_affected(client, db, clock):
    assert client.get(reverse("surveys:code")).status_code == 200
    clock.shift(timedelta(hours=5))
    assert client.get(reverse("surveys:code")).status_code == 200
