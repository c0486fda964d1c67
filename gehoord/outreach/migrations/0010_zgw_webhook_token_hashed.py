"""Keep only the SHA-256 digest of each ZGW webhook token, never the token itself."""

import hashlib

from django.db import migrations, models


def hash_tokens(apps, schema_editor):
    connections = apps.get_model("outreach", "ZgwConnection")
    for connection in connections.objects.all():
        # The same digest as outreach.models.webhook_token_digest (a migration keeps its own
        # copy, so a later change there cannot alter what this step did).
        digest = hashlib.sha256(connection.webhook_token.encode()).hexdigest()
        connections.objects.filter(pk=connection.pk).update(webhook_token_hash=digest)


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0009_invitation_not_invited_because"),
    ]

    operations = [
        migrations.AddField(
            model_name="zgwconnection",
            name="webhook_token_hash",
            field=models.CharField(editable=False, max_length=64, null=True),
        ),
        # No way back: the tokens themselves are gone once hashed.
        migrations.RunPython(hash_tokens, migrations.RunPython.noop, elidable=False),
        migrations.RemoveField(model_name="zgwconnection", name="webhook_token"),
        migrations.AlterField(
            model_name="zgwconnection",
            name="webhook_token_hash",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
    ]
