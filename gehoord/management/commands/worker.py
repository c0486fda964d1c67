import logging

from django.core.management import call_command
from django.core.management.base import BaseCommand

from gehoord import periodic

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run a background worker (Huey consumer). Start as many as you need, on any machine; "
        "give all but one --no-periodic (that one drops the locks killed runs left behind "
        "when it starts). A due periodic job is enqueued once a minute however many schedule."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--workers", type=int, default=None, help="threads in this worker")
        parser.add_argument(
            "--no-periodic",
            action="store_true",
            help="do not schedule periodic jobs (for every worker but one)",
        )

    def handle(self, *args, workers: int | None, no_periodic: bool, **options) -> None:
        extra = {"workers": workers} if workers else {}
        if no_periodic:
            extra["periodic"] = False
        else:
            # The one worker that schedules the periodic tasks starts: whatever lock exists
            # was left by a run that was killed (the locks of other workers' runs expire).
            flushed = periodic.flush_locks()
            if flushed:
                log.warning("Dropped locks left behind: %s", ", ".join(flushed))
        call_command("run_huey", **extra)
