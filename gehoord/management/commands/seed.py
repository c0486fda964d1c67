from django.core.management.base import BaseCommand, CommandError

from gehoord.demo import build


class Command(BaseCommand):
    help = "Create or complete one demo organisation (deterministic from --seed)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", required=True, help="demo organisation, e.g. voorbeeld")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--volume", type=float, default=1.0)

    def handle(self, *args, org: str, seed: int, volume: float, **options) -> None:
        try:
            spec = build.spec_for(org)
        except KeyError as error:
            raise CommandError(error.args[0]) from error
        ctx = build.seed(spec, seed, volume)
        name = ctx.organisation.name if ctx.organisation else org
        self.stdout.write(self.style.SUCCESS(f"Seeded {name}."))
