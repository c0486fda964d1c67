from django.core.management.base import BaseCommand

from gehoord.encrypted_fields import reencrypt_all


class Command(BaseCommand):
    help = (
        "Encrypt every stored secret again with the first key of GEHOORD_SECRETS_KEY "
        "(after putting a new key in front); then the old key can be removed."
    )

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{reencrypt_all()} secrets encrypted with the first key.")
