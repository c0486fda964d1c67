"""Periodic tasks that run one at a time under a lock that expires, and report completion.

Huey's `lock_task` keeps its lock until the task ends: a worker killed mid-run (kill -9, or
SIGTERM during a long run) leaves it behind for good, and Huey's lock TTL works neither on
its SQLite storage nor on Redis before 7.4. So the lock is a row in the database every
worker shares (`gehoord.models.TaskLock`) with an expiry: a run may take it over once it has
expired, the run releases it in `finally`, and the worker that schedules the periodic tasks
drops all of them when it starts (`flush_locks`, called by `gehoord worker`).

Every worker that schedules periodic tasks (Huey's scheduler runs in each) would enqueue
each due task once per minute on its own, so two schedulers would run every task twice.
The scheduler first claims the minute for the task (`claim_slot`, a lock row that is never
released and expires by itself): only the scheduler whose claim wins enqueues it
(`gehoord.task_queue.OncePerMinute`). So any number of workers may schedule, and a task
runs once per turn whichever of them is up.

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
# The lock name of each periodic task by its Huey task class ("module.name").
NAME_OF_TASK: dict[str, str] = {}
# Slot claims are lock rows named "<lock name>@<minute>"; they outlive their minute by far
# more than two workers' clocks differ, then go.
SLOT_SEPARATOR = "@"
SLOT_CLAIM_TTL = timedelta(minutes=10)


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

        wrapper = db_periodic_task(schedule)(run)
        task_class = wrapper.task_class
        NAME_OF_TASK[f"{task_class.__module__}.{task_class.__name__}"] = name
        return wrapper

    return decorate


def claim_slot(task_class: type, minute: datetime) -> bool:
    """Claim the scheduling of a periodic task for `minute`: True for the first scheduler
    that asks, False for every other. A task not made with `periodic_task` is not claimed
    (True). Claims of earlier minutes that have expired are deleted on the way."""
    name = NAME_OF_TASK.get(f"{task_class.__module__}.{task_class.__name__}")
    if name is None:
        return True
    TaskLock.objects.filter(
        name__startswith=name + SLOT_SEPARATOR, expires_at__lte=timezone.now()
    ).delete()
    return acquire(f"{name}{SLOT_SEPARATOR}{minute:%Y%m%d%H%M}", SLOT_CLAIM_TTL) is not None


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
    """Drop every run lock (a worker starts: nothing of its own runs yet); the names
    dropped. Slot claims stay: a worker starting in a minute another already scheduled
    must not schedule that minute again."""
    locks = TaskLock.objects.exclude(name__contains=SLOT_SEPARATOR)
    names = sorted(locks.values_list("name", flat=True))
    locks.delete()
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
