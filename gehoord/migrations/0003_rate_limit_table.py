"""The table of the database cache in which rate limits count without Redis.

Django makes a cache table only with `createcachetable`; a migration makes it here, so
`gehoord migrate` (and every test database) has it without a second command. It is made
whatever the cache setting is, so a site that stops using Redis still finds it.
"""

from django.conf import settings
from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations


def create_table(apps, schema_editor) -> None:
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, settings.RATE_LIMIT_CACHE_TABLE, False)


def drop_table(apps, schema_editor) -> None:
    schema_editor.execute(
        f"DROP TABLE IF EXISTS {schema_editor.quote_name(settings.RATE_LIMIT_CACHE_TABLE)}"
    )


class Migration(migrations.Migration):
    dependencies = [("gehoord", "0002_task_lock")]

    operations = [migrations.RunPython(create_table, drop_table)]
