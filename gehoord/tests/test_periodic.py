"""Periodic tasks: a lock a killed worker left behind never blocks a task for good."""

from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils.module_loading import autodiscover_modules
from huey.contrib.djhuey import HUEY
from huey.exceptions import TaskLockedException

from gehoord import periodic
from gehoord.management.commands import worker
from gehoord.models import TaskLock
from gehoord.outreach.tasks import dispatch_invitations
from gehoord.tasks import worker_heartbeat  # noqa: F401  (registers the heartbeat with Huey)

pytestmark = pytest.mark.django_db


@pytest.fixture
def leave_lock_behind():
    """Take a task's lock the way a run does and never release it (a killed worker)."""

    def leave(name: str) -> None:
        assert periodic.acquire(name, periodic.REGISTRY[name].runs_up_to) is not None

    return leave


def test_a_lock_left_behind_expires(leave_lock_behind, clock):
    leave_lock_behind("outreach-dispatch")
    clock.shift(timedelta(hours=1))
    assert dispatch_invitations.call_local() == 0


def test_a_worker_start_flushes_the_locks_left_behind(leave_lock_behind, monkeypatch):
    leave_lock_behind("outreach-dispatch")
    monkeypatch.setattr(worker, "call_command", lambda *args, **kwargs: None)  # no consumer
    call_command("worker")
    assert dispatch_invitations.call_local() == 0


def test_a_valid_lock_still_keeps_a_second_run_out(leave_lock_behind, clock):
    leave_lock_behind("outreach-dispatch")
    clock.shift(timedelta(minutes=29))
    with pytest.raises(TaskLockedException, match="outreach-dispatch"):
        dispatch_invitations.call_local()


def test_a_run_releases_its_lock_and_records_its_completion():
    assert periodic.last_completion("outreach-dispatch") is None
    assert dispatch_invitations.call_local() == 0
    assert not TaskLock.objects.exists()
    assert periodic.last_completion("outreach-dispatch") is not None


def test_a_failing_run_releases_its_lock_and_records_nothing(monkeypatch):
    def fail():
        raise RuntimeError("gateway down")

    monkeypatch.setattr("gehoord.outreach.tasks.send_due_invitations", fail)
    with pytest.raises(RuntimeError):
        dispatch_invitations.call_local()
    assert not TaskLock.objects.exists()
    assert periodic.last_completion("outreach-dispatch") is None


def test_of_two_takers_of_an_expired_lock_one_wins(leave_lock_behind, clock):
    leave_lock_behind("outreach-dispatch")
    clock.shift(timedelta(hours=1))
    tokens = [periodic.acquire("outreach-dispatch", timedelta(minutes=30)) for _ in range(2)]
    assert tokens[0] is not None and tokens[1] is None


def test_a_worker_without_periodic_tasks_leaves_the_locks(leave_lock_behind, monkeypatch):
    leave_lock_behind("outreach-dispatch")
    monkeypatch.setattr(worker, "call_command", lambda *args, **kwargs: None)
    call_command("worker", "--no-periodic")
    assert TaskLock.objects.filter(name="outreach-dispatch").exists()


def test_every_periodic_task_is_registered_under_its_huey_name():
    autodiscover_modules("tasks")  # as the worker and the health check do
    names = {"worker", "outreach-dispatch", "insights-rollup-refresh", "publication-monthly-digest"}
    assert names <= set(periodic.REGISTRY)
    # Huey knows the task by the same name as before the lock changed (queued runs of an
    # older worker still find it).
    task = dispatch_invitations.task_class
    assert HUEY._registry.task_to_string(task) == "gehoord.outreach.tasks.dispatch_invitations"


def _scheduled(minute: datetime) -> set[str]:
    """What a worker's scheduler enqueues for `minute` (every worker asks the same queue)."""
    return {type(task).__name__ for task in HUEY.read_periodic(minute)}


def test_of_two_schedulers_only_one_enqueues_a_due_task():
    minute = datetime(2026, 11, 30, 11, 0)  # Huey's clock: UTC, without a zone
    first = _scheduled(minute)
    assert {"worker_heartbeat", "dispatch_invitations"} <= first
    assert _scheduled(minute) == set()  # the second worker's scheduler, the same minute
    later = _scheduled(minute + timedelta(minutes=1))
    assert "worker_heartbeat" in later and "dispatch_invitations" not in later


def test_a_starting_worker_keeps_the_claims_of_the_minute(monkeypatch):
    minute = datetime(2026, 11, 30, 11, 0)
    assert _scheduled(minute)
    monkeypatch.setattr(worker, "call_command", lambda *args, **kwargs: None)
    call_command("worker")  # flushes the run locks a killed worker left, not the claims
    assert _scheduled(minute) == set()


def test_expired_claims_are_cleared(clock):
    minute = datetime(2026, 11, 30, 11, 0)
    _scheduled(minute)
    clock.shift(periodic.SLOT_CLAIM_TTL + timedelta(minutes=1))
    _scheduled(minute + timedelta(minutes=1))
    # The heartbeat's claim of 11:00 went when it claimed 11:01 (a claim of a task is
    # cleared the next time that task is due).
    heartbeat = set(
        TaskLock.objects.filter(name__startswith="worker@").values_list("name", flat=True)
    )
    assert heartbeat == {"worker@202611301101"}
