from django.core.management.base import BaseCommand, CommandError

from gehoord.tenancy import query, service


class Command(BaseCommand):
    help = "Create an API key for an organisation (shown once; only its hash is kept)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--org", required=True, help="organisation short name (slug)")
        parser.add_argument("--name", required=True, help="which system will use the key")

    def handle(self, *args, org: str, name: str, **options) -> None:
        organisation = query.organisation_by_slug(org)
        if organisation is None:
            raise CommandError(f"No organisation with short name {org!r}.")
        _, secret = service.create_api_key(organisation, name)
        self.stdout.write(f"API key for {organisation.name} ({name}):\n{secret}")
