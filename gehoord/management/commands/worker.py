from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run a background worker (Huey consumer). Start as many as you need, on any machine."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--workers", type=int, default=None)

    def handle(self, *args, workers: int | None, **options) -> None:
        extra = {"workers": workers} if workers else {}
        call_command("run_huey", **extra)
