from django.core.management.base import BaseCommand

from gehoord.outreach.dispatch import send_due_invitations


class Command(BaseCommand):
    help = "Send the invitations and reminders that are due now (the worker does this every 5 min)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--limit", type=int, default=10_000)

    def handle(self, *args, limit: int, **options) -> None:
        handled = send_due_invitations(limit=limit)
        self.stdout.write(f"{handled} invitations handled")
