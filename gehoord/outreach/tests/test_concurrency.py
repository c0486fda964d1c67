"""Two dispatch workers (real processes) over the same due invitations send each once."""

import os
import subprocess
import sys
from collections import Counter
from datetime import timedelta

import pytest

from gehoord.outreach.models import Invitation
from gehoord.tests.test_worker import database_url_of_test_db

from .test_dispatch import event_for, rule  # noqa: F401  (fixture)

INVITATIONS = 60


@pytest.mark.django_db(transaction=True)
def test_two_workers_send_each_invitation_once(org_a, rule, smtp_inbox, settings):  # noqa: F811
    rule.delay_days = 0
    rule.send_hour = 0
    rule.save()
    for i in range(INVITATIONS):
        event_for(org_a, rule, external_id=str(i), email=f"p{i}@example.org")
    Invitation.objects.update(due_at=Invitation.objects.first().due_at - timedelta(days=1))
    env = {**os.environ, "DATABASE_URL": database_url_of_test_db(),
           "EMAIL_URL": f"smtp://127.0.0.1:{settings.EMAIL_PORT}",
           "GEHOORD_BASE_URL": "http://127.0.0.1:8000"}
    workers = [subprocess.Popen([sys.executable, "-m", "gehoord.cli", "dispatch"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
               for _ in range(2)]
    outputs = [w.communicate(timeout=180)[0] for w in workers]
    assert all(w.returncode == 0 for w in workers), outputs
    recipients = Counter(m["To"] for m in smtp_inbox.messages)
    assert len(recipients) == INVITATIONS, outputs
    assert max(recipients.values()) == 1, [r for r, n in recipients.items() if n > 1]
    assert Invitation.objects.filter(status="sent").count() == INVITATIONS
    handled = [int(out.strip().splitlines()[-1].split()[0]) for out in outputs]
    assert sum(handled) == INVITATIONS  # no invitation was claimed by both workers
