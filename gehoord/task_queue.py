"""The task queue's Huey classes: periodic tasks scheduled once per minute however many
workers schedule them, and Huey's SQLite queue opened on first use.

`OncePerMinute`: Huey's scheduler (one in every worker that schedules) enqueues the
periodic tasks due in the minute; of several schedulers only the one that claims the minute
for a task enqueues it (`gehoord.periodic.claim_slot`, a row in the database all share).

Huey's SQLite queue, opened (and its folder made) on first use instead of on import.

`huey.contrib.djhuey` builds the queue when Django imports it (during `django.setup()`),
and Huey's own SQLite storage opens its file and creates its tables right then. This
storage waits until the queue is first used (a task is enqueued, a worker starts), so
importing the settings or starting Django creates no file or folder. Used when REDIS_URL
is empty (`settings.HUEY["huey_class"]`).
"""

import logging
from pathlib import Path

import huey
from django.db import close_old_connections, connection
from huey.storage import SqliteStorage

log = logging.getLogger(__name__)


class OncePerMinute:
    """A Huey whose scheduler enqueues a periodic task only when it claims the minute."""

    def read_periodic(self, timestamp=None):
        if timestamp is None:  # what Huey's scheduler passes; Huey's own clock (UTC) then
            timestamp = self._get_timestamp()
        due = super().read_periodic(timestamp)
        if not due:
            return due
        # Imported here: this module is loaded with the settings, before the models.
        from gehoord import periodic

        if not connection.in_atomic_block:  # (a test's transaction must stay open)
            close_old_connections()  # the scheduler thread keeps its connection for a minute
        try:
            claimed = [task for task in due if periodic.claim_slot(type(task), timestamp)]
        except Exception:
            # Without the database nothing can be claimed; enqueue them all (their run locks
            # still keep two runs apart) rather than skip a turn.
            log.exception("could not claim the periodic tasks of %s", timestamp)
            return due
        log.info(
            "periodic tasks of %s: %d due, %d scheduled here",
            f"{timestamp:%Y-%m-%d %H:%M}",
            len(due),
            len(claimed),
        )
        return claimed


class LazySqliteStorage(SqliteStorage):
    def __init__(self, *args, **kwargs) -> None:
        kwargs["create_tables"] = False
        super().__init__(*args, **kwargs)

    def _create_connection(self):
        Path(self.filename).parent.mkdir(parents=True, exist_ok=True)
        connection = super()._create_connection()
        # The tables Huey would have made at import; every statement is "if (not) exists",
        # so running them on each new connection is harmless and cheap.
        for statement in self.ddl:
            connection.execute(statement)
        return connection


class SqliteHuey(OncePerMinute, huey.SqliteHuey):
    storage_class = LazySqliteStorage


class RedisHuey(OncePerMinute, huey.RedisHuey):
    pass
