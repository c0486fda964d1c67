from django.core.management import call_command
from django.core.management.base import BaseCommand

from gehoord.demo.build import seed_all
from gehoord.demo.spec import DEMO_PASSWORD


class Command(BaseCommand):
    help = (
        "Prepare the demo: migrate, load the fictional organisations (once), print the "
        "log-in accounts, then start the web server and a worker."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="prepare only")
        parser.add_argument("--bind", default="127.0.0.1:8000")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--volume",
            type=float,
            default=1.0,
            help="scale the number of generated responses (1.0 ≈ 30 000)",
        )

    def handle(self, *args, no_serve: bool, bind: str, seed: int, volume: float, **options) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write(
            "Loading demo data (existing data is kept; the first time this takes about a minute)…"
        )
        accounts = seed_all(seed, volume)
        self.print_accounts(accounts)
        self.print_public_forms(bind)
        self.print_webhook_receiver()
        if not no_serve:
            call_command("serve", bind=bind)

    def print_public_forms(self, bind: str) -> None:
        from gehoord.demo.spec import ORGANISATIONS

        self.stdout.write("Public feedback forms (no log-in):")
        for spec in ORGANISATIONS:
            self.stdout.write(f"  http://{bind}/o/{spec.slug}/feedback/")
        self.stdout.write("")

    def print_webhook_receiver(self) -> None:
        from gehoord.demo.webhooks_step import DEMO_RECEIVER
        from gehoord.webhooks.models import Subscription

        subscription = Subscription.objects.filter(url=DEMO_RECEIVER).first()
        if subscription is None:
            return
        self.stdout.write("Webhooks (signed CloudEvents): in another terminal run")
        self.stdout.write(f"  .venv/bin/gehoord webhookreceiver --secret {subscription.secret}")
        self.stdout.write(
            "  then switch on the demo subscription under Beheer → Webhooks, or send a test event."
        )
        self.stdout.write("")

    def print_accounts(self, accounts: list[tuple[str, str, str]]) -> None:
        self.stdout.write("")
        self.stdout.write(
            self.style.SUCCESS(f"Demo log-in accounts (password for all: {DEMO_PASSWORD})")
        )
        width = max(len(username) for username, _, _ in accounts)
        for username, role, organisation in accounts:
            self.stdout.write(f"  {username:<{width}}  {role:<20}  {organisation}")
        self.stdout.write("")
