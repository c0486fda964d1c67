from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from gehoord.demo import build


class Command(BaseCommand):
    help = "Create or complete one demo organisation (deterministic from --seed)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", required=True, help="demo organisation, e.g. voorbeeld")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--volume", type=float, default=1.0)
        parser.add_argument(
            "--as-of",
            dest="as_of",
            default=None,
            help="generate the data as of this moment (ISO 8601, e.g. 2026-06-30T12:00); "
            "default: now",
        )

    def handle(
        self, *args, org: str, seed: int, volume: float, as_of: str | None, **options
    ) -> None:
        try:
            spec = build.spec_for(org)
        except KeyError as error:
            raise CommandError(error.args[0]) from error
        ctx = build.seed(spec, seed, volume, now=parse_moment(as_of) if as_of else None)
        name = ctx.organisation.name if ctx.organisation else org
        self.stdout.write(self.style.SUCCESS(f"Seeded {name}."))


def parse_moment(text: str) -> datetime:
    """An ISO 8601 moment; without a UTC offset it is read in the configured time zone."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"--as-of: not an ISO 8601 moment: {text!r}") from error
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
