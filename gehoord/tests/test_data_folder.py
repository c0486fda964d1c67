"""Nothing is created on import: the data folder is made by whatever first opens a file in it."""

import os
import subprocess
import sys

from django.db.utils import ConnectionHandler

from gehoord.task_queue import SqliteHuey

STARTUP = """
import django
django.setup()
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
WSGIHandler()  # loads the middleware, as gunicorn and the test client do
call_command("check")
from django.conf import settings
print(settings.DATABASES["default"]["NAME"], settings.HUEY.get("filename"))
"""


def test_importing_settings_and_starting_django_create_nothing(tmp_path):
    data_dir = tmp_path / "not-yet" / "var"
    unwanted = ("DATABASE_URL", "REDIS_URL", "HUEY_SQLITE_PATH", "STATIC_ROOT", "GEHOORD_ENV")
    env = {k: v for k, v in os.environ.items() if k not in unwanted}
    env.update(GEHOORD_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="gehoord.settings")
    result = subprocess.run(
        [sys.executable, "-W", "error::UserWarning", "-c", STARTUP],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    # The defaults do point into the folder, so it is not made only because it is unused.
    assert result.stdout.splitlines()[-1].split() == [
        str(data_dir / "gehoord.sqlite3"),
        str(data_dir / "huey.sqlite3"),
    ]
    assert not (tmp_path / "not-yet").exists()


def test_the_database_makes_its_folder_when_first_opened(tmp_path, django_db_blocker):
    path = tmp_path / "new" / "folder" / "gehoord.sqlite3"
    connection = ConnectionHandler(
        {"default": {"ENGINE": "gehoord.db.sqlite3", "NAME": str(path)}}
    )["default"]
    assert not path.parent.exists()
    with django_db_blocker.unblock():
        try:
            with connection.cursor() as cursor:
                cursor.execute("select 1")
        finally:
            connection.close()
    assert path.exists()


def test_the_task_queue_makes_its_file_when_first_used(tmp_path):
    path = tmp_path / "new" / "huey.sqlite3"
    queue = SqliteHuey("gehoord-test", filename=str(path))
    assert not path.parent.exists()
    queue.storage.enqueue(b"task")
    assert path.exists()
    assert queue.storage.dequeue() == b"task"
    queue.storage.close()
    # A second process's queue on the same file finds the tables there.
    other = SqliteHuey("gehoord-test", filename=str(path))
    other.storage.enqueue(b"again")
    assert other.storage.queue_size() == 1
    other.storage.close()
