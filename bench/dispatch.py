"""Dispatch throughput: invitations per second sent to a local SMTP server (aiosmtpd).

    make bench                      # SQLite in a temporary folder, 2 000 invitations
    BENCH_N=10000 DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench make bench

Prints figures; it is not a test and asserts nothing.
"""

import os
import socket
import sys
import tempfile
import time
from datetime import date, timedelta

from summary import record

from gehoord.config import read

N = read("BENCH_N")
WORKDIR = tempfile.mkdtemp(prefix="gehoord-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORKDIR}/bench.sqlite3")
os.environ.setdefault("GEHOORD_DATA_DIR", WORKDIR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gehoord.settings")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PORT = free_port()
os.environ["EMAIL_URL"] = f"smtp://127.0.0.1:{PORT}"

import django  # noqa: E402

django.setup()

from aiosmtpd.controller import Controller  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from gehoord.catalog.models import Service  # noqa: E402
from gehoord.contacts.models import Contact  # noqa: E402
from gehoord.framework import service as framework_service  # noqa: E402
from gehoord.framework.models import Question  # noqa: E402
from gehoord.outreach.dispatch import send_due_invitations  # noqa: E402
from gehoord.outreach.models import (  # noqa: E402
    EventKind,
    EventSource,
    Invitation,
    InvitationRule,
    ServiceEvent,
)
from gehoord.tenancy.models import Organisation  # noqa: E402


class Counter:
    received = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's API
        Counter.received += 1
        return "250 OK"


def prepare() -> None:
    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(
        name=f"Bench {time.time()}",
        slug=f"bench{int(time.time())}",
        kind="municipality",
        inhabitants=100_000,
        quarantine_days=0,
    )
    framework_service.install_defaults(org)
    service = Service.objects.create(organisation=org, name="Paspoort", code="paspoort")
    questionnaire = framework_service.create_questionnaire(org, "Bench")
    version = framework_service.draft_of(questionnaire)
    framework_service.add_question(
        version, Question.objects.get(organisation=org, code="core_grade")
    )
    framework_service.publish(version)
    rule = InvitationRule.objects.create(
        organisation=org,
        service=service,
        event_kind=EventKind.COMPLETED,
        questionnaire=questionnaire,
        channels=["email"],
    )
    contacts = Contact.objects.bulk_create(
        Contact(organisation=org, email=f"p{i}@example.org") for i in range(N)
    )
    events = ServiceEvent.objects.bulk_create(
        ServiceEvent(
            organisation=org,
            contact=c,
            service=service,
            kind=EventKind.COMPLETED,
            occurred_on=date.today(),
            source=EventSource.API,
        )
        for c in contacts
    )
    due = django.utils.timezone.now() - timedelta(minutes=1)
    Invitation.objects.bulk_create(
        Invitation(organisation=org, contact=e.contact, event=e, rule=rule, due_at=due)
        for e in events
    )


def main() -> None:
    prepare()
    controller = Controller(Counter(), hostname="127.0.0.1", port=PORT)
    controller.start()
    try:
        started = time.perf_counter()
        handled = send_due_invitations(limit=N)
        seconds = time.perf_counter() - started
    finally:
        controller.stop()
    print(f"database: {connection.vendor}")
    print(f"invitations sent: {handled} (SMTP server received {Counter.received})")
    print(
        f"time: {seconds:.2f} s  →  {handled / seconds:.1f} invitations per second "
        "(one worker, one SMTP connection per message)"
    )
    record(
        f"dispatch, {connection.vendor} ({N} e-mails, one worker)",
        handled / seconds,
        "invitations/s",
        goal="each sent once",
        passed=handled == Counter.received == N,
    )
    sys.exit(0 if handled == Counter.received == N else 1)


if __name__ == "__main__":
    main()
