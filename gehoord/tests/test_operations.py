"""Operations: liveness and readiness, the Prometheus metrics page, JSON logs."""

import io
import json
import logging
from datetime import timedelta
from unittest import mock

from django.urls import reverse
from huey import MemoryHuey
from huey.contrib.djhuey import HUEY
from prometheus_client import REGISTRY

from gehoord import metrics
from gehoord.access_log import JsonFormatter, MaskPersonalData
from gehoord.health import record_heartbeat
from gehoord.task_queue import LazySqliteStorage
from gehoord.tests.test_access_log import gunicorn_config

TOKEN = "metrics-token-for-the-test"


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_liveness_answers_without_the_database(client):
    # No `db` fixture: pytest-django refuses any query, so this proves none is made.
    response = client.get(reverse("health_alive"))
    assert response.status_code == 200
    assert response.json() == {"status": "alive"}


def test_readiness_when_database_queue_and_worker_are_fine(client, db):
    record_heartbeat()
    response = client.get(reverse("health_ready"))
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "ready" and data["failing"] == []
    assert data["checks"] == {"database": "ok", "queue": "ok", "worker": "ok"}


def test_readiness_names_a_missing_or_silent_worker(client, db, clock):
    response = client.get(reverse("health_ready"))
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "not ready" and data["failing"] == ["worker"]
    assert data["checks"]["worker"] == "no heartbeat recorded"

    record_heartbeat()
    clock.shift(timedelta(minutes=10))  # beats every minute; six minutes is the limit
    data = client.get(reverse("health_ready")).json()
    assert data["failing"] == ["worker"]
    assert data["checks"]["worker"] == "no heartbeat for 600 seconds"


def test_readiness_names_an_unreachable_queue(client, db, tmp_path, monkeypatch):
    record_heartbeat()
    # A real SQLite queue whose folder cannot be made: a file stands where it should be.
    (tmp_path / "not-a-folder").write_text("")
    unreachable = LazySqliteStorage(name="gehoord", filename=str(tmp_path / "not-a-folder/q.db"))
    monkeypatch.setattr(HUEY, "storage", unreachable)
    response = client.get(reverse("health_ready"))
    assert response.status_code == 503
    assert response.json()["failing"] == ["queue"]


def test_the_overview_page_stays_as_it_was(client, db):
    response = client.get("/gezondheid/")
    assert response.status_code == 200 and response.json()["status"] == "ok"


def test_no_metrics_page_without_a_token(client, db, settings):
    settings.GEHOORD_METRICS_TOKEN = ""
    assert client.get(reverse("metrics")).status_code == 404
    assert client.get(reverse("metrics"), HTTP_AUTHORIZATION="Bearer x").status_code == 404


def test_metrics_need_the_right_bearer_token(client, db, settings):
    settings.GEHOORD_METRICS_TOKEN = TOKEN
    assert client.get(reverse("metrics")).status_code == 401
    wrong = client.get(reverse("metrics"), HTTP_AUTHORIZATION="Bearer not-the-token")
    assert wrong.status_code == 401 and wrong["WWW-Authenticate"].startswith("Bearer")
    basic = client.get(reverse("metrics"), HTTP_AUTHORIZATION=f"Basic {TOKEN}")
    assert basic.status_code == 401

    response = client.get(reverse("metrics"), HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    for name in (
        "gehoord_http_requests_total",
        "gehoord_http_request_duration_seconds_bucket",
        "gehoord_task_queue_pending",
        "gehoord_tasks_total",
        "gehoord_task_duration_seconds",
        "gehoord_invitations_total",
    ):
        assert name in text, name


def test_a_request_is_counted_by_route_name_never_by_address(client, db):
    labels = {"route": "health_alive", "status": "2xx"}
    before = sample("gehoord_http_requests_total", **labels)
    client.get(reverse("health_alive"))
    assert sample("gehoord_http_requests_total", **labels) == before + 1
    assert sample("gehoord_http_request_duration_seconds_count", route="health_alive") >= 1

    # A survey link's token never becomes a label: the route's name does.
    client.get("/v/secret-survey-token/")
    exposition = metrics.exposition()[0].decode()
    assert "secret-survey-token" not in exposition
    assert 'route="surveys:answer"' in exposition or 'route="unmatched"' in exposition


def test_tasks_are_counted_and_timed():
    # A queue of its own, run in this process, wired as the project wires its queue.
    queue = MemoryHuey("metrics-test", immediate=True)
    metrics.connect_task_signals(queue)

    @queue.task(name="add")
    def add(a: int, b: int) -> int:
        return a + b

    @queue.task(name="fail")
    def fail() -> None:
        raise ValueError("on purpose")

    before = sample("gehoord_tasks_total", task="add", outcome="complete")
    add(1, 2)
    fail()
    assert sample("gehoord_tasks_total", task="add", outcome="complete") == before + 1
    assert sample("gehoord_tasks_total", task="fail", outcome="error") >= 1
    assert sample("gehoord_task_duration_seconds_count", task="add") >= 1


def test_invitations_are_counted_by_channel_and_outcome():
    before = sample("gehoord_invitations_total", channel="email", outcome="sent")
    metrics.count_invitation("email", "sent")
    assert sample("gehoord_invitations_total", channel="email", outcome="sent") == before + 1


def test_a_json_log_line_is_valid_json_and_masked():
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s (piet@example.org)",
        ("/v/abc123token/",),
        None,
    )
    MaskPersonalData().filter(record)
    data = json.loads(JsonFormatter().format(record))
    assert data["level"] == "WARNING" and data["logger"] == "django.request"
    assert data["message"] == "Not Found: /v/***/ (***)"
    assert "time" in data


def test_the_json_access_log_stays_masked(monkeypatch):
    monkeypatch.setenv("GEHOORD_LOG_FORMAT", "json")
    config = gunicorn_config()
    logger = config.logger_class(config)
    (handler,) = [h for h in logger.access_log.handlers if getattr(h, "_gunicorn", False)]
    assert isinstance(handler.formatter, JsonFormatter)
    stream = io.StringIO()
    handler.setStream(stream)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/v/abc123token/?email=piet%40example.org",
        "PATH_INFO": "/v/abc123token/",
        "QUERY_STRING": "email=piet%40example.org",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.7",
    }
    response = mock.Mock(status="200 OK", sent=1234, headers=[])
    logger.access(response, mock.Mock(headers=[]), environ, timedelta(milliseconds=12))

    line = stream.getvalue().strip()
    data = json.loads(line)
    assert data["logger"] == "gunicorn.access"
    assert data["path"] == "/v/***/" and data["status"] == "200" and data["method"] == "GET"
    for personal in ("abc123token", "piet", "example.org", "203.0.113.7"):
        assert personal not in line
