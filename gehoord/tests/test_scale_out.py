"""Scale-out, shown: two web processes (`gehoord serve --no-worker`) and two workers
(`gehoord worker`), each with a data folder of its own as on separate machines, sharing
only PostgreSQL and Redis — the process set of docker-compose.yml, as real processes
(here both workers schedule the periodic tasks, the case that must not run them twice).

One test proves what the set promises:
- responses answered through both web processes are all stored, once each;
- two workers that both schedule periodic tasks run each due task once per minute (the
  claim of `gehoord.task_queue.OncePerMinute`);
- a worker killed with SIGKILL in the middle of a dispatch loses no invitation: once it is
  back (as its supervisor restarts it) the workers send the rest, nobody gets a message
  twice except the one the dead worker had handed to the mail server the moment it died
  (the window documented in gehoord/outreach/dispatch.py), and that one only once its
  lease has run out.

It runs in the PostgreSQL run of the suite (SQLite has no second machine to share with) and
needs Redis on 127.0.0.1:6379; each run has a queue name (and so cache key prefix) of its
own, so runs side by side never share a key.
"""

import os
import re
import signal
import subprocess
import threading
import time
import uuid
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from huey import RedisHuey
from huey.contrib.djhuey import HUEY

from gehoord.catalog.tests.factories import make_service
from gehoord.framework.tests.factories import published_questionnaire
from gehoord.models import TaskLock
from gehoord.outreach import service as outreach_service
from gehoord.outreach.models import EventKind, EventSource, Invitation, InvitationStatus
from gehoord.outreach.tasks import dispatch_invitations
from gehoord.outreach.tests.factories import make_rule
from gehoord.surveys import service as survey_service
from gehoord.surveys.models import Response
from gehoord.tests.test_serve import COMMAND, Browser, alive, answers, descendants
from gehoord.tests.test_worker import database_url_of_test_db

from ..conftest import free_port

REDIS_URL = "redis://127.0.0.1:6379/0"
RESIDENTS = 24
INVITATIONS = 30
# Generous: on a busy machine (CI runs three suites side by side) six Django processes
# take long to start; on a quiet one the whole test takes about half a minute.
STARTUP_SECONDS = 180

pytestmark = [
    pytest.mark.real_clock,  # web processes and workers run at the real time, as the test
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="the scale-out set runs on PostgreSQL (the PostgreSQL run of the suite)",
    ),
]


class ProcessSet:
    """The processes of one test, stopped (and, past a grace, killed) at the end."""

    def __init__(self, env: dict[str, str], folder: Path) -> None:
        self.env, self.folder = env, folder
        self.processes: dict[str, subprocess.Popen] = {}

    def start(self, name: str, *args: str) -> subprocess.Popen:
        data = self.folder / name
        data.mkdir(exist_ok=True)
        log = (self.folder / f"{name}.log").open("a")
        process = subprocess.Popen(
            [*COMMAND, *args],
            env={**self.env, "GEHOORD_DATA_DIR": str(data)},
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        self.processes[name] = process
        return process

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text()

    def logs(self) -> str:
        return "\n".join(self.log(name) for name in self.processes)

    def stop(self) -> None:
        everyone = {p.pid for p in self.processes.values()}
        for process in self.processes.values():
            everyone |= descendants(process.pid)
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        for pid in everyone:  # whatever outlived its parent, by its own id
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def wait_for(condition, what: str, seconds: float = STARTUP_SECONDS) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} within {seconds} s"
        time.sleep(0.1)


def answer_survey(base: str, link: str, answers: dict[str, str]) -> int:
    """A resident opens the link and answers the one page; the status of the submit."""
    visitor = Browser(base)
    page = visitor.opener.open(base + link, timeout=20).read().decode()
    version = re.search(r'name="version" value="(\d+)"', page).group(1)
    status, _ = visitor.post_form(
        link, {"version": version, "page": "1", "action": "next", **answers}
    )
    return status


@pytest.fixture
def redis_queue():
    """A queue (and cache key prefix) of this test's own on the local Redis, emptied after."""
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail(f"the scale-out test needs Redis on {REDIS_URL}")
    name = f"gehoord-scale-{uuid.uuid4().hex[:10]}"
    yield name, RedisHuey(name=name, url=REDIS_URL)
    keys = list(client.scan_iter(f"*{name}*"))
    if keys:
        client.delete(*keys)


def enqueue_dispatch(queue: RedisHuey) -> str:
    """Put a dispatch run on the shared queue, as a worker's scheduler would; its task id."""
    task = dispatch_invitations.s()
    queue.storage.enqueue(HUEY.serialize_task(task))
    return task.id


def test_two_web_processes_and_two_workers_share_the_work(
    org_a, smtp_inbox, settings, tmp_path, redis_queue
):
    queue_name, queue = redis_queue
    service = make_service(org_a, "Paspoort", code="paspoort")
    questionnaire = published_questionnaire(org_a, "Paspoort", required=True)
    make_rule(service, questionnaire, EventKind.COMPLETED, ["email"], send_hour=0)
    for i in range(INVITATIONS):
        outreach_service.record_event(
            org_a,
            contact={"name": f"Inwoner {i}", "email": f"p{i}@example.org"},
            service=service,
            kind=EventKind.COMPLETED,
            occurred_on=timezone.localdate(),
            source=EventSource.API,
            external_id=str(i),
        )
    # Not yet due: a dispatch the schedulers start at once finds nothing to send.
    Invitation.objects.update(due_at=timezone.now() + timedelta(days=1))
    links = [
        reverse(
            "surveys:answer",
            args=[survey_service.issue_token(questionnaire, segment={"service": service}).token],
        )
        for _ in range(RESIDENTS)
    ]
    grade = {f"q{questionnaire.items['core_grade'].pk}": "8"}
    unwanted = ("HUEY_SQLITE_PATH", "GEHOORD_ENV", "GEHOORD_LOG_FORMAT")
    env = {k: v for k, v in os.environ.items() if k not in unwanted}
    env.update(
        DATABASE_URL=database_url_of_test_db(),
        REDIS_URL=REDIS_URL,
        HUEY_NAME=queue_name,
        HUEY_WORKERS="2",
        LOG_LEVEL="INFO",
        EMAIL_URL=f"smtp://127.0.0.1:{settings.EMAIL_PORT}",
        GEHOORD_BASE_URL="http://127.0.0.1:8000",
        PYTHONUNBUFFERED="1",
    )
    ports = [free_port(), free_port()]
    processes = ProcessSet(env, tmp_path)
    try:
        for number, port in enumerate(ports, start=1):
            processes.start(
                f"web{number}",
                "serve",
                "--no-worker",
                "--bind",
                f"127.0.0.1:{port}",
                "--web-workers",
                "1",
            )
        processes.start("worker1", "worker")
        processes.start("worker2", "worker")
        for port in ports:
            url = f"http://127.0.0.1:{port}/gezondheid/leeft/"
            wait_for(lambda url=url: answers(url), "web up")
        for name in ("worker1", "worker2"):
            wait_for(lambda n=name: "scheduled here" in processes.log(n), f"{name} scheduling")

        # Residents answer through both web processes, four at a time.
        statuses: list[int] = []
        todo = list(enumerate(links))

        def resident() -> None:
            while todo:
                number, link = todo.pop()
                base = f"http://127.0.0.1:{ports[number % 2]}"
                statuses.append(answer_survey(base, link, grade))

        threads = [threading.Thread(target=resident) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert statuses == [200] * RESIDENTS
        assert Response.objects.filter(questionnaire=questionnaire).count() == RESIDENTS

        # Periodic tasks: both workers scheduled (each logs the minutes it looked at), yet
        # the heartbeat, due every minute, ran once per minute looked at.
        minutes = set(re.findall(r"periodic tasks of (\S+ \S+):", processes.logs()))
        wait_for(
            lambda: (
                processes.logs().count("Executing gehoord.tasks.worker_heartbeat") >= len(minutes)
            ),
            "the heartbeat ran",
        )
        time.sleep(1)  # a second run, were there one, would show by now
        assert processes.logs().count("Executing gehoord.tasks.worker_heartbeat") == len(minutes)

        # Dispatch: a slow mail server, so the kill lands mid-batch.
        smtp_inbox.delay = 0.15
        Invitation.objects.update(due_at=timezone.now() - timedelta(minutes=1))
        task_id = enqueue_dispatch(queue)
        wait_for(lambda: len(smtp_inbox.messages) >= 5, "the dispatch started")
        dispatcher = next(n for n in ("worker1", "worker2") if task_id in processes.log(n))
        processes.processes[dispatcher].send_signal(signal.SIGKILL)
        processes.processes[dispatcher].wait(timeout=10)
        received = Counter(m["To"] for m in smtp_inbox.messages)
        recorded = set(
            Invitation.objects.filter(status=InvitationStatus.SENT).values_list(
                "contact__email", flat=True
            )
        )
        # The dead worker held at most one invitation (claimed, leased, not recorded); its
        # message may have reached the mail server (in flight) or not.
        leased = Invitation.objects.filter(status=InvitationStatus.SCHEDULED, attempts__gt=0)
        assert leased.count() <= 1
        in_flight = set(received) - recorded
        assert in_flight <= set(leased.values_list("contact__email", flat=True))
        assert 5 <= len(received) < INVITATIONS, "the kill must land mid-batch"
        held = leased.count()

        def dispatch_done() -> bool:  # no dispatch run holds its lock any more
            return not TaskLock.objects.filter(name="outreach-dispatch").exists()

        # Its supervisor starts it again (it drops the run lock the dead one left behind);
        # a dispatch on the shared queue is taken by whichever worker is free.
        processes.start(dispatcher, "worker")
        wait_for(lambda: processes.log(dispatcher).count("scheduled here") >= 2, "restart")
        enqueue_dispatch(queue)
        wait_for(
            lambda: (
                Invitation.objects.filter(status=InvitationStatus.SENT).count()
                == INVITATIONS - held
                and dispatch_done()
            ),
            "the rest was sent",
        )
        # The invitation the dead worker was sending stays leased to it for dispatch.LEASE;
        # once that has passed (here: its due moment is moved there), it goes out again.
        Invitation.objects.filter(status=InvitationStatus.SCHEDULED).update(
            due_at=timezone.now() - timedelta(seconds=1)
        )
        enqueue_dispatch(queue)
        wait_for(
            lambda: Invitation.objects.filter(status=InvitationStatus.SENT).count() == INVITATIONS,
            "every invitation was sent",
        )
        recipients = Counter(m["To"] for m in smtp_inbox.messages)
        assert len(recipients) == INVITATIONS  # nobody lost
        assert {to for to, n in recipients.items() if n > 1} <= in_flight  # no other twice
        assert not Invitation.objects.exclude(status=InvitationStatus.SENT).exists()
    finally:
        processes.stop()
