"""Periodic tasks of the project itself (Huey discovers `tasks` modules of installed apps)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from .health import record_heartbeat


@db_periodic_task(crontab(minute="*"))
def worker_heartbeat() -> str:
    """Proves the worker runs: the health page shows when this last ran."""
    return record_heartbeat().isoformat()
