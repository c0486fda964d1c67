"""An export on the embedded SQLite default while another connection holds the database's
write lock longer than the export's busy timeout (a worker rebuilding rollups, a burst of
answers): the export's writes wait and try again, and the job finishes."""

import logging
import sqlite3
import threading
import time

import pytest
from django.db import OperationalError, connection

from gehoord.insights import service
from gehoord.insights.exports import jobs, retry
from gehoord.insights.models import ExportJob, ExportStatus

from .test_responses import read_csv

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="only SQLite answers 'database is locked'"
)

HOLDS = 4  # the other connection takes the write lock four times …
HOLD_SECONDS = 0.4  # … for 0.4 s each, 1.6 s in all: less than the retries wait (6.2 s)


def hold_write_lock(path: str, started: threading.Event, held: list[float]) -> None:
    """A second connection to the same file that takes the write lock (BEGIN IMMEDIATE)
    and keeps it, a few times over."""
    other = sqlite3.connect(path, isolation_level=None, timeout=10)
    try:
        for _ in range(HOLDS):
            other.execute("BEGIN IMMEDIATE")
            started.set()
            began = time.perf_counter()
            time.sleep(HOLD_SECONDS)
            other.execute("COMMIT")
            held.append(time.perf_counter() - began)
            time.sleep(0.05)
    finally:
        other.close()


@pytest.fixture
def short_busy_timeout():
    """The export's connection gives up on a lock after 50 ms instead of the settings'
    30 s, so the lock held here outlasts it."""
    connection.ensure_connection()
    connection.connection.execute("PRAGMA busy_timeout = 50")
    yield
    if connection.connection is not None:  # a new connection starts with the settings' 30 s
        connection.connection.execute(f"PRAGMA busy_timeout = {30 * 1000}")


@pytest.mark.django_db(transaction=True)
def test_an_export_waits_for_a_locked_database_and_finishes(
    org_a, small_survey, short_busy_timeout, caplog
):
    job = service.request_export(org_a, None, "responses", "csv", {"period": "venster"})
    started, held = threading.Event(), []
    holder = threading.Thread(
        target=hold_write_lock, args=(connection.settings_dict["NAME"], started, held)
    )
    holder.start()
    started.wait(5)
    try:
        with caplog.at_level(logging.WARNING, logger=retry.__name__):
            jobs.run(job.pk)
    finally:
        holder.join(30)

    assert len(held) == HOLDS and min(held) >= HOLD_SECONDS
    # The lock was met (the claim came while it was held) and waited out.
    assert any("database is locked" in r.getMessage() for r in caplog.records)
    job = ExportJob.objects.get(pk=job.pk)
    assert job.status == ExportStatus.DONE, job.error
    assert job.done == job.total == 12
    assert len(read_csv(job)) == 12


@pytest.mark.django_db(transaction=True)
def test_a_lock_that_outlasts_every_try_is_reported_not_hidden(org_a, short_busy_timeout):
    """Waiting is bounded: a lock that is never released ends in the error."""
    other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(OperationalError, match="database is locked"):
            retry.when_unlocked(
                lambda: type(org_a).objects.filter(pk=org_a.pk).update(minimum_n=7),
                attempts=3,
                pause=0.01,
            )
    finally:
        other.execute("ROLLBACK")
        other.close()
    org_a.refresh_from_db()
    assert org_a.minimum_n != 7
