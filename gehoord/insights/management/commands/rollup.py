from django.core.management.base import BaseCommand, CommandError

from gehoord.insights import rollups
from gehoord.tenancy.models import Organisation


class Command(BaseCommand):
    help = "Update the dashboard figures (rollups); --rebuild throws them away and rebuilds."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="Rebuild from all answers instead of only what arrived.",
        )
        parser.add_argument("--org", help="Only this organisation (its short name).")

    def handle(self, *args, rebuild: bool = False, org: str | None = None, **options) -> None:
        organisations = Organisation.objects.all()
        if org:
            organisations = organisations.filter(slug=org)
            if not organisations.exists():
                raise CommandError(f"Unknown organisation: {org}")
        for organisation in organisations:
            if rebuild:
                rollups.rebuild(organisation)
                self.stdout.write(f"{organisation.slug}: rebuilt")
            else:
                days = rollups.refresh_organisation(organisation)
                self.stdout.write(f"{organisation.slug}: {days} day(s) updated")
