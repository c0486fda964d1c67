from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from gehoord.health import record_heartbeat
from gehoord.models import Heartbeat
from gehoord.outreach.tasks import dispatch_invitations


def test_health_reports_database_and_worker(client, db):
    data = client.get(reverse("health")).json()
    assert data["status"] == "ok" and data["database"] is True
    assert data["worker_last_seen"] is None

    record_heartbeat()
    data = client.get(reverse("health")).json()
    assert data["worker_last_seen"] is not None
    assert 0 <= data["worker_seconds_ago"] < 60


def test_health_names_a_periodic_task_that_stopped_completing(client, db, clock):
    dispatch_invitations.call_local()
    response = client.get(reverse("health"))
    assert response.status_code == 200 and response.json()["stuck"] == []

    clock.shift(timedelta(hours=1))  # dispatch runs every five minutes
    record_heartbeat()  # the worker itself is alive
    response = client.get(reverse("health"))
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "stuck" and data["stuck"] == ["outreach-dispatch"]


def test_health_judges_each_task_by_its_own_interval(client, db, clock):
    # The monthly digest is not stuck after a week; after 40 days it is.
    Heartbeat.objects.create(name="publication-monthly-digest", beat_at=timezone.now())
    clock.shift(timedelta(days=7))
    record_heartbeat()
    assert client.get(reverse("health")).json()["stuck"] == []
    clock.shift(timedelta(days=33))
    record_heartbeat()
    data = client.get(reverse("health")).json()
    assert data["stuck"] == ["publication-monthly-digest"]
