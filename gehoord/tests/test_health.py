from django.urls import reverse

from gehoord.health import record_heartbeat


def test_health_reports_database_and_worker(client, db):
    data = client.get(reverse("health")).json()
    assert data["status"] == "ok" and data["database"] is True
    assert data["worker_last_seen"] is None

    record_heartbeat()
    data = client.get(reverse("health")).json()
    assert data["worker_last_seen"] is not None
    assert 0 <= data["worker_seconds_ago"] < 60
