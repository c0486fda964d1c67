"""Health of the parts a deployment depends on: database, task queue, background worker
and the periodic tasks it runs (each records its completion, see `gehoord.periodic`).

Three pages use it: `/gezondheid/` (the overview: database and stuck periodic tasks),
`/gezondheid/leeft/` (liveness: the process answers; touches nothing) and
`/gezondheid/klaar/` (readiness: `readiness()`)."""

from datetime import datetime

from django.db import connection
from django.utils import timezone
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


def queue_ok() -> bool:
    """The task queue answers (Redis, or the SQLite file of the embedded default)."""
    from huey.contrib.djhuey import HUEY

    try:
        HUEY.pending_count()
    except Exception:  # noqa: BLE001 - any failure means "not reachable", reported, not raised
        return False
    return True


def worker_check(now: datetime | None = None) -> str:
    """`ok` when the worker's heartbeat is recent; else what is wrong with it."""
    autodiscover_modules("tasks")  # registers the heartbeat task and its interval
    beat = last_heartbeat()
    if beat is None:
        return "no heartbeat recorded"
    silent = (now or timezone.now()) - beat
    if silent > periodic.REGISTRY[WORKER].stuck_after:
        return f"no heartbeat for {int(silent.total_seconds())} seconds"
    return "ok"


def readiness() -> dict[str, str]:
    """Each check a ready web process needs, `ok` or what failed: the database, the task
    queue and a recent worker heartbeat. Stuck periodic tasks are left to `/gezondheid/`:
    one stuck monthly task is no reason to take every web process out of the load balancer."""
    if not database_ok():
        # Without the database the heartbeat cannot be read either.
        return {"database": "not reachable", "queue": _queue(), "worker": "unknown"}
    return {"database": "ok", "queue": _queue(), "worker": worker_check()}


def _queue() -> str:
    return "ok" if queue_ok() else "not reachable"
