"""Prometheus metrics: requests, the task queue, tasks and invitations sent.

The metrics live in the process that records them. gunicorn runs several web processes and
the worker is another one, so in a deployment the client library keeps them in files in one
shared folder (`PROMETHEUS_MULTIPROC_DIR`, emptied before the processes start) and
`/metrics` adds up the files of every process on the machine. Without that folder each
process counts alone (fine for one process and for the tests).

Nothing personal is recorded: a request is labelled with its route's name (never its
address, which can hold a survey link's token) and the class of its status (`2xx`), a task
with its name, an invitation with its channel and outcome.

This module knows no app, so every app may count through it (outreach counts the
invitations it sends, `count_invitation`).
"""

import threading
import time
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

from .config import read

REQUESTS = Counter(
    "gehoord_http_requests",
    "Requests answered, by route name and status class.",
    ["route", "status"],
)
REQUEST_SECONDS = Histogram(
    "gehoord_http_request_duration_seconds",
    "Time to answer a request, by route name.",
    ["route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
QUEUE_PENDING = Gauge(
    "gehoord_task_queue_pending",
    "Tasks waiting in the queue, counted when the metrics are read.",
    multiprocess_mode="mostrecent",
)
TASKS = Counter(
    "gehoord_tasks",
    "Background tasks finished, by task name and outcome.",
    ["task", "outcome"],
)
TASK_SECONDS = Histogram(
    "gehoord_task_duration_seconds",
    "Time a background task ran, by task name.",
    ["task"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900),
)
INVITATIONS = Counter(
    "gehoord_invitations",
    "Invitations whose sending ended, by channel and outcome (sent, failed, scheduled again).",
    ["channel", "outcome"],
)

# Routes that did not resolve (a 404 for an unknown address) share one label.
UNMATCHED = "unmatched"


def count_invitation(channel: str, outcome: str) -> None:
    """One invitation's send ended with `outcome` on `channel`."""
    INVITATIONS.labels(channel=channel or "none", outcome=outcome).inc()


def status_class(status: int) -> str:
    return f"{status // 100}xx"


class RequestMetricsMiddleware:
    """Counts and times every request by its route's name (first in MIDDLEWARE)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        start = time.perf_counter()
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        route = (match.view_name if match else "") or UNMATCHED
        REQUEST_SECONDS.labels(route=route).observe(time.perf_counter() - start)
        REQUESTS.labels(route=route, status=status_class(response.status_code)).inc()
        return response


class _TaskTimer:
    """Huey signal handlers: when a task starts, and how it ended."""

    def __init__(self) -> None:
        self.started: dict[str, float] = {}
        self.lock = threading.Lock()

    def executing(self, signal: str, task) -> None:
        with self.lock:
            self.started[task.id] = time.perf_counter()

    def ended(self, signal: str, task, *args) -> None:
        with self.lock:
            start = self.started.pop(task.id, None)
        TASKS.labels(task=task.name, outcome=signal).inc()
        if start is not None:
            TASK_SECONDS.labels(task=task.name).observe(time.perf_counter() - start)


def connect_task_signals(huey) -> None:
    """Count and time the tasks `huey` runs (called once, from the project's AppConfig)."""
    from huey import signals

    timer = _TaskTimer()
    huey.signal(signals.SIGNAL_EXECUTING)(timer.executing)
    huey.signal(
        signals.SIGNAL_COMPLETE,
        signals.SIGNAL_ERROR,
        signals.SIGNAL_TIMEOUT,
        signals.SIGNAL_CANCELED,
        signals.SIGNAL_LOCKED,
        signals.SIGNAL_INTERRUPTED,
    )(timer.ended)


def exposition() -> tuple[bytes, str]:
    """The metrics in Prometheus' text format, and its content type; the queue is counted now."""
    from huey.contrib.djhuey import HUEY

    try:
        QUEUE_PENDING.set(HUEY.pending_count())
    except Exception:  # noqa: BLE001 - an unreachable queue shows as -1, the rest still answers
        QUEUE_PENDING.set(-1)
    if read("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
