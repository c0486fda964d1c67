"""Periodic tasks of the project itself (Huey discovers `tasks` modules of installed apps)."""

from datetime import timedelta

from django.utils import timezone
from huey import crontab

from .health import WORKER
from .periodic import periodic_task


@periodic_task(
    crontab(minute="*"),
    name=WORKER,
    every=timedelta(minutes=1),
    runs_up_to=timedelta(minutes=5),
)
def worker_heartbeat() -> str:
    """Proves the worker runs: its recorded completion is the heartbeat the health page shows."""
    return timezone.now().isoformat()
