"""The background worker: a real Huey consumer process runs the heartbeat task."""

import os
import subprocess
import time
import uuid
from datetime import datetime

import pytest
from django.conf import settings
from django.db import connection
from huey import RedisHuey, SqliteHuey

from gehoord.health import last_heartbeat
from gehoord.tasks import worker_heartbeat
from gehoord.testing import gehoord_command


def database_url_of_test_db() -> str:
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    host = f"{s['HOST'] or 'localhost'}:{s['PORT'] or 5432}"
    return f"postgres://{s['USER']}{password}@{host}/{s['NAME']}"


def private_queue(tmp_path):
    """A queue of this test's own (same backend as configured), so a demo worker running
    beside the tests never takes the task, and the consumer under test gets only it."""
    name = f"gehoord-test-{uuid.uuid4().hex[:10]}"
    env = {**os.environ, "DATABASE_URL": database_url_of_test_db(), "HUEY_NAME": name}
    if settings.REDIS_URL:
        return RedisHuey(name=name, url=settings.REDIS_URL), env
    env["HUEY_SQLITE_PATH"] = str(tmp_path / "huey.sqlite3")
    return SqliteHuey(name=name, filename=env["HUEY_SQLITE_PATH"]), env


def test_heartbeat_runs_every_minute():
    task = worker_heartbeat.task_class()
    for minute in (0, 1, 37, 59):
        assert task.validate_datetime(datetime(2026, 1, 5, 9, minute))


@pytest.mark.django_db(transaction=True)
def test_real_consumer_runs_the_heartbeat_task(tmp_path):
    queue, env = private_queue(tmp_path)
    assert last_heartbeat() is None
    # The same function under the same task name, enqueued on the private queue.
    queue.task()(worker_heartbeat.func)()  # nothing runs it in this process
    assert last_heartbeat() is None
    consumer = subprocess.Popen(
        gehoord_command("worker", "--workers", "1", "--no-periodic"),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while last_heartbeat() is None and time.monotonic() < deadline:
            if consumer.poll() is not None:
                pytest.fail("worker stopped:\n" + consumer.stdout.read())
            time.sleep(0.3)
        assert last_heartbeat() is not None, "the worker did not run the task within 60 s"
    finally:
        consumer.terminate()
        consumer.wait(timeout=20)
        queue.flush()
