from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Run a background worker (Huey consumer). Start as many as you need, on any machine; "
        "give all but one --no-periodic so periodic jobs are scheduled once."
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
        call_command("run_huey", **extra)
