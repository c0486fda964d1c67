"""Run the web server (gunicorn) and, by default, one worker beside it.

For the embedded default this is all one needs; in production run `gunicorn --config
python:gehoord.gunicorn_config gehoord.wsgi` and `gehoord worker` as separate services
instead (the configuration keeps personal data out of the access log).

SIGTERM or SIGINT (Ctrl+C) to `gehoord serve` is passed on to gunicorn and the worker,
which get `GRACE_SECONDS` to stop before they are killed; when either ends by itself the
other is stopped the same way. Each child runs in a process group of its own, so a kill
after the grace also reaches gunicorn's web workers.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
GRACE_SECONDS = 15
# Gunicorn's own grace for requests in flight, within ours.
GUNICORN_GRACE_SECONDS = 10


class Command(BaseCommand):
    help = "Serve gehoord on --bind with gunicorn, plus a Huey worker unless --no-worker."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--web-workers", type=int, default=2)
        parser.add_argument("--no-worker", action="store_true")

    def handle(self, *args, bind: str, web_workers: int, no_worker: bool, **options) -> None:
        if settings.STORAGES["staticfiles"]["BACKEND"].startswith("whitenoise"):
            call_command("collectstatic", interactive=False, verbosity=0)
        commands = child_commands(bind, web_workers, with_worker=not no_worker)
        received: list[int] = []
        # Before the children start, so a stop signal can never leave them orphaned.
        previous = {
            s: signal.signal(s, lambda signum, frame: received.append(signum)) for s in STOP_SIGNALS
        }
        processes: dict[str, subprocess.Popen] = {}
        try:
            for name, command in commands.items():
                processes[name] = subprocess.Popen(command, start_new_session=True)
            self.stdout.write(
                self.style.SUCCESS(f"gehoord runs on http://{bind}/ (Ctrl+C stops it)")
            )
            while not received and all(p.poll() is None for p in processes.values()):
                time.sleep(0.2)
        finally:
            stop(list(processes.values()), received[0] if received else signal.SIGTERM)
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        failed = {n: p.returncode for n, p in processes.items() if p.returncode not in (0, None)}
        if not received and failed:
            name, code = next(iter(failed.items()))
            raise CommandError(f"{name} ended with code {code}; gehoord serve stopped")


def child_commands(bind: str, web_workers: int, *, with_worker: bool) -> dict[str, list[str]]:
    """The processes `gehoord serve` starts, by name: gunicorn and, unless left out, a worker."""
    commands = {
        "gunicorn": [
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
            "--graceful-timeout",
            str(GUNICORN_GRACE_SECONDS),
            "--config",
            "python:gehoord.gunicorn_config",
        ]
    }
    if with_worker:
        commands["the worker"] = [sys.executable, "-m", "gehoord.cli", "worker"]
    return commands


def stop(processes: list[subprocess.Popen], signum: int) -> None:
    """Pass `signum` on to each process still running, wait up to GRACE_SECONDS for all,
    then kill the process group of each that did not stop."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signum)
    deadline = time.monotonic() + GRACE_SECONDS
    for process in processes:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
    for process in processes:
        # Only a child that did not stop: its pid (and so its group) is still its own, and
        # the group also holds gunicorn's web workers, which outlive a killed master.
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
