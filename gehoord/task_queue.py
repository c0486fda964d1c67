"""Huey's SQLite queue, opened (and its folder made) on first use instead of on import.

`huey.contrib.djhuey` builds the queue when Django imports it (during `django.setup()`),
and Huey's own SQLite storage opens its file and creates its tables right then. This
storage waits until the queue is first used (a task is enqueued, a worker starts), so
importing the settings or starting Django creates no file or folder. Used when REDIS_URL
is empty (`settings.HUEY["huey_class"]`).
"""

from pathlib import Path

import huey
from huey.storage import SqliteStorage


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


class SqliteHuey(huey.SqliteHuey):
    storage_class = LazySqliteStorage
