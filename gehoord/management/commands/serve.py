"""Run the web server (gunicorn) and, by default, one worker beside it.

For the embedded default this is all one needs; in production run `gunicorn --config
python:gehoord.gunicorn_config gehoord.wsgi` and `gehoord worker` as separate services
instead (the configuration keeps personal data out of the access log).
"""

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve gehoord on --bind with gunicorn, plus a Huey worker unless --no-worker."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--web-workers", type=int, default=2)
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args, bind: str, web_workers: int, no_worker: bool, **options) -> None:
        if settings.STORAGES["staticfiles"]["BACKEND"].startswith("whitenoise"):
            call_command("collectstatic", interactive=False, verbosity=0)
        processes = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "gehoord.wsgi",
                    "--bind",
                    bind,
                    "--workers",
                    str(web_workers),
                    "--threads",
                    "4",
                    "--config",
                    "python:gehoord.gunicorn_config",
                ]
            )
        ]
        if not no_worker:
            processes.append(subprocess.Popen([sys.executable, "-m", "gehoord.cli", "worker"]))
        self.stdout.write(self.style.SUCCESS(f"gehoord runs on http://{bind}/ (Ctrl+C stops it)"))
        self.wait(processes)

    def wait(self, processes: list[subprocess.Popen]) -> None:
        """Stop everything as soon as one process ends or the user interrupts."""
        try:
            while all(p.poll() is None for p in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for process in processes:
                if process.poll() is None:
                    process.send_signal(signal.SIGTERM)
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
