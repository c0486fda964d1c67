"""Liveness of the parts a deployment depends on: database, background worker and the
periodic tasks it runs (each records its completion, see `gehoord.periodic`)."""

from datetime import datetime

from django.db import connection
from django.utils.module_loading import autodiscover_modules

from . import periodic

WORKER = "worker"


def record_heartbeat(name: str = WORKER) -> datetime:
    """Store that `name` is alive now; returns the moment recorded."""
    return periodic.record_completion(name)


def last_heartbeat(name: str = WORKER) -> datetime | None:
    return periodic.last_completion(name)


def stuck_tasks() -> list[str]:
    """The periodic tasks that have not completed within their interval (a lock left
    behind, a task that fails on every run, a worker that stopped)."""
    # The web process imports only the tasks modules it enqueues from; the worker imports
    # them all (Huey's autodiscovery), and so must the check, to know every periodic task.
    autodiscover_modules("tasks")
    return periodic.stuck()


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # noqa: BLE001 - any failure means "not healthy", reported, not raised
        return False
