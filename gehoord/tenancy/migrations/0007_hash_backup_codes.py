"""Backup codes made before 0006 were stored in clear text in django-otp's StaticToken;
hash each into tenancy.BackupCode and delete the clear text. Cannot be undone (the codes
are not known any more): going back leaves the accounts without backup codes."""

from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import migrations

# As gehoord/tenancy/backup_codes.py at the time of writing.
ITERATIONS = 20_000


def hash_plain_codes(apps, schema_editor):
    static_token = apps.get_model("otp_static", "StaticToken")
    backup_code = apps.get_model("tenancy", "BackupCode")
    hasher = PBKDF2PasswordHasher()
    tokens = list(static_token.objects.all())
    backup_code.objects.bulk_create(
        backup_code(
            device_id=token.device_id,
            code_hash=hasher.encode(token.token, hasher.salt(), iterations=ITERATIONS),
        )
        for token in tokens
    )
    static_token.objects.filter(pk__in=[token.pk for token in tokens]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("tenancy", "0006_backupcode"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(hash_plain_codes, migrations.RunPython.noop)]
