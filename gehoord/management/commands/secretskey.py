from django.core.management.base import BaseCommand

from gehoord.encrypted_fields import new_key


class Command(BaseCommand):
    help = "Print a new key for GEHOORD_SECRETS_KEY (the secrets of connections)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(new_key())
