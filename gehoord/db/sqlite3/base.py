"""Django's SQLite backend, which makes the folder of the database file when it first opens it.

The folder (by default the data folder, `GEHOORD_DATA_DIR`) is thus created where it is
first needed, by whatever command opens the database first (`gehoord migrate`, `gehoord
demo`, the test suite), and never when the settings are imported. `settings.py` switches a
`sqlite://` DATABASE_URL to this engine ("gehoord.db.sqlite3").
"""

from pathlib import Path

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    def get_new_connection(self, conn_params):
        name = str(conn_params["database"])
        if not self.creation.is_in_memory_db(name):
            Path(name).parent.mkdir(parents=True, exist_ok=True)
        return super().get_new_connection(conn_params)
