"""Periodic tasks that run one at a time under a lock that expires, and report completion.

Huey's `lock_task` keeps its lock until the task ends: a worker killed mid-run (kill -9, or
SIGTERM during a long run) leaves it behind for good, and Huey's lock TTL works neither on
its SQLite storage nor on Redis before 7.4. So the lock is a row in the database every
worker shares (`gehoord.models.TaskLock`) with an expiry: a run may take it over once it has
expired, the run releases it in `finally`, and the worker that schedules the periodic tasks
drops all of them when it starts (`flush_locks`, called by `gehoord worker`).

Each completed run is recorded (a `Heartbeat` named after the task), and every task says
how often it runs, so the health page can name a task that stopped completing (`stuck`).
"""

import functools
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from huey.contrib.djhuey import db_periodic_task
from huey.exceptions import TaskLockedException

from gehoord.models import Heartbeat, TaskLock


@dataclass(frozen=True)
class Periodic:
    """A periodic task's lock name, how often it runs and how long one run may take (the
    lock expires then)."""

    name: str
    every: timedelta
    runs_up_to: timedelta

    @property
    def stuck_after(self) -> timedelta:
        """Without a completion for this long, the task is stuck: the next run was due
        `every` after the last one and would have ended within `runs_up_to`."""
        return self.every + self.runs_up_to


# Every periodic task, by name, filled as the tasks modules are imported (Huey's autodiscovery
# imports them all when Django starts).
REGISTRY: dict[str, Periodic] = {}


def periodic_task(schedule, *, name: str, every: timedelta, runs_up_to: timedelta):
    """`db_periodic_task(schedule)` whose runs hold the expiring lock `name` (one run at a
    time) and record their completion."""
    spec = Periodic(name, every, runs_up_to)
    if REGISTRY.setdefault(name, spec) != spec:
        raise ValueError(f"two periodic tasks named {name!r}")

    def decorate(fn: Callable[..., Any]) -> Any:
        @functools.wraps(fn)
        def run(*args, **kwargs):
            with expiring_lock(name, runs_up_to):
                result = fn(*args, **kwargs)
            record_completion(name)
            return result

        return db_periodic_task(schedule)(run)

    return decorate


def acquire(name: str, ttl: timedelta) -> str | None:
    """Take lock `name` for `ttl`; its token, or None while another holder's lock is valid.

    Atomic on SQLite and PostgreSQL alike: an expired lock is deleted only while it is still
    expired, and of two takers the unique name lets one insert win.
    """
    now = timezone.now()
    TaskLock.objects.filter(name=name, expires_at__lte=now).delete()
    token = uuid.uuid4().hex
    try:
        with transaction.atomic():
            TaskLock.objects.create(name=name, token=token, expires_at=now + ttl)
    except IntegrityError:
        return None
    return token


def release(name: str, token: str) -> None:
    """Drop lock `name` if it is still ours (after expiry another run may hold it)."""
    TaskLock.objects.filter(name=name, token=token).delete()


@contextmanager
def expiring_lock(name: str, ttl: timedelta):
    token = acquire(name, ttl)
    if token is None:
        raise TaskLockedException(f"unable to acquire lock {name}")
    try:
        yield
    finally:
        release(name, token)


def flush_locks() -> list[str]:
    """Drop every lock (a worker starts: nothing of its own runs yet); the names dropped."""
    names = sorted(TaskLock.objects.values_list("name", flat=True))
    TaskLock.objects.all().delete()
    return names


def record_completion(name: str) -> datetime:
    now = timezone.now()
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": now})
    return now


def last_completion(name: str) -> datetime | None:
    return Heartbeat.objects.filter(name=name).values_list("beat_at", flat=True).first()


def stuck(now: datetime | None = None) -> list[str]:
    """Names of the periodic tasks whose last completion is older than they allow. A task
    that never completed is not counted: a new installation has no history yet (a lock left
    behind in a first run still expires, or goes with the next worker start)."""
    now = now or timezone.now()
    completed = dict(Heartbeat.objects.filter(name__in=REGISTRY).values_list("name", "beat_at"))
    return sorted(
        name
        for name, spec in REGISTRY.items()
        if name in completed and now - completed[name] > spec.stuck_after
    )
