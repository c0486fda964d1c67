"""Migration 0010 replaces each stored webhook token by its digest; the token still works."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from gehoord.outreach.models import webhook_token_digest

BEFORE = [("outreach", "0009_invitation_not_invited_because")]
AFTER = [("outreach", "0010_zgw_webhook_token_hashed")]


@pytest.mark.django_db(transaction=True)
def test_existing_tokens_are_hashed(org_a):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    old.get_model("outreach", "ZgwConnection").objects.create(
        organisation_id=org_a.pk, webhook_token="bestaand-token", client_id="gehoord", secret="s"
    )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    [row] = new.get_model("outreach", "ZgwConnection").objects.values()
    assert row["webhook_token_hash"] == webhook_token_digest("bestaand-token")
    assert "webhook_token" not in row
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
