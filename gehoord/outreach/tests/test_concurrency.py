"""Two dispatch workers (real processes) over the same due invitations send each once."""

import os
import subprocess
from collections import Counter
from datetime import timedelta

import pytest

from gehoord.outreach.dispatch import LEASE
from gehoord.outreach.models import Invitation
from gehoord.testing import gehoord_command
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
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_test_db(),
        "EMAIL_URL": f"smtp://127.0.0.1:{settings.EMAIL_PORT}",
        "GEHOORD_BASE_URL": "http://127.0.0.1:8000",
    }
    workers = [
        subprocess.Popen(
            gehoord_command("dispatch"),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [w.communicate(timeout=180)[0] for w in workers]
    assert all(w.returncode == 0 for w in workers), outputs
    recipients = Counter(m["To"] for m in smtp_inbox.messages)
    assert len(recipients) == INVITATIONS, outputs
    assert max(recipients.values()) == 1, [r for r, n in recipients.items() if n > 1]
    assert Invitation.objects.filter(status="sent").count() == INVITATIONS
    handled = [int(out.strip().splitlines()[-1].split()[0]) for out in outputs]
    assert sum(handled) == INVITATIONS  # no invitation was claimed by both workers


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_batch_restarts_and_loses_nothing(
    org_a,
    rule,  # noqa: F811
    smtp_inbox,
    settings,
    clock,
):
    """Kill a worker while it sends; a new worker sends the rest. Nothing is lost; at most
    the one message that was with the mail server at the moment of the kill goes twice,
    once its lease has run out (the window documented in outreach/dispatch.py)."""
    import signal
    import time

    rule.delay_days = 0
    rule.save()
    count = 30
    for i in range(count):
        event_for(org_a, rule, external_id=str(i), email=f"p{i}@example.org")
    Invitation.objects.update(due_at=Invitation.objects.first().due_at - timedelta(days=1))
    smtp_inbox.delay = 0.15  # a slow mail server, so the kill lands mid-batch
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_test_db(),
        "EMAIL_URL": f"smtp://127.0.0.1:{settings.EMAIL_PORT}",
    }
    first = subprocess.Popen(
        gehoord_command("dispatch"),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(smtp_inbox.messages) < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=30)
    sent_before = len(smtp_inbox.messages)
    assert 5 <= sent_before < count, "the kill must land mid-batch"
    # The invitation that was being sent stays leased to the dead worker for
    # dispatch.LEASE; let that time pass (the second worker starts at the moved clock).
    assert Invitation.objects.filter(status="scheduled", attempts__gt=0).count() <= 1
    clock.shift(LEASE + timedelta(seconds=1))
    second = subprocess.run(
        gehoord_command("dispatch"),
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert second.returncode == 0, second.stderr
    recipients = Counter(m["To"] for m in smtp_inbox.messages)
    assert len(recipients) == count  # nobody lost
    assert sum(n - 1 for n in recipients.values()) <= 1  # at most the one in flight twice
    assert Invitation.objects.filter(status="sent").count() == count
