"""A responses export of 100 000 responses on the embedded default (SQLite, one file) while
residents keep answering and staff keep browsing, each in a process of its own.

    .venv/bin/python bench/export_concurrent.py            # 100 000 responses
    .venv/bin/python bench/export_concurrent.py 20000      # another number

Loads the responses with bench/loading.py into a fresh SQLite file (WAL, the settings'
busy timeout), then runs the export job (`insights.exports.jobs.run`, what the worker
runs) in this process while four processes store responses (each in one transaction, as a
survey's last page does) and two processes read the responses list and the export's page.
The responses fall in the last 150 days, so the export of the rolling window holds them
all. Prints the export's outcome and time, the residents' and browsers' counts, errors and
p95 latency; asserts nothing (but says FAILED when the export did not finish or anyone met
an error).
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROLE = sys.argv[1] if len(sys.argv) > 1 and not sys.argv[1].isdigit() else "export"
if ROLE == "export":
    RESPONSES = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    WORKDIR = tempfile.mkdtemp(prefix="gehoord-bench-export-")
else:  # a child: `export_concurrent.py resident|browser WORKDIR`
    WORKDIR = sys.argv[2]
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ["GEHOORD_DATA_DIR"] = WORKDIR
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gehoord.settings")
RESIDENTS, BROWSERS = 4, 2

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from loading import build_organisation, load, percentiles  # noqa: E402

from gehoord.insights import service  # noqa: E402
from gehoord.insights.exports import jobs  # noqa: E402
from gehoord.insights.models import ExportJob, ExportStatus  # noqa: E402
from gehoord.surveys.models import Answer, Response  # noqa: E402
from gehoord.tenancy import service as tenancy_service  # noqa: E402
from gehoord.tenancy.models import Organisation  # noqa: E402
from gehoord.tenancy.roles import Role  # noqa: E402

STOP = Path(WORKDIR) / "stop"
SETUP = Path(WORKDIR) / "setup.json"


def ready() -> None:
    (Path(WORKDIR) / f"ready-{os.getpid()}").touch()


def resident() -> dict:
    """Store responses one after another until told to stop."""
    setup = json.loads(SETUP.read_text())
    layout = setup["layout"]
    items = layout["items"]
    written, errors, seconds = 0, [], []
    ready()
    while not STOP.exists():
        started = time.perf_counter()
        try:
            with transaction.atomic():
                now = timezone.now()
                response = Response.objects.create(
                    organisation_id=setup["organisation"],
                    questionnaire_id=layout["questionnaire"],
                    version_id=layout["version"],
                    service_id=layout["service"],
                    district="Noord",
                    age_band="50-64",
                    channel="web",
                    language="nl",
                    submitted_at=now,
                    received_at=now,
                )
                Answer.objects.bulk_create(
                    Answer(
                        response=response,
                        item_id=item_id,
                        question_id=question_id,
                        value_number=4 if key != "grade" else 7,
                    )
                    for key, (item_id, question_id) in items.items()
                    if key != "improve"
                )
            written += 1
            seconds.append(time.perf_counter() - started)
        except Exception as error:  # noqa: BLE001 - counted and printed
            errors.append(repr(error))
        time.sleep(0.01)
    return {"done": written, "errors": errors, "seconds": seconds}


def browser() -> dict:
    """Read the responses list and the export's page until told to stop."""
    setup = json.loads(SETUP.read_text())
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(get_user_model().objects.get(username=setup["user"]))
    urls = [
        reverse("surveys:response_list"),
        reverse("surveys:response_list") + "?cijfer=7",
        reverse("insights:export_detail", args=[setup["job"]]),
    ]
    pages, errors, seconds = 0, [], []
    ready()
    while not STOP.exists():
        for url in urls:
            started = time.perf_counter()
            try:
                status = client.get(url).status_code
                if status != 200:
                    errors.append(f"{url}: {status}")
                pages += 1
                seconds.append(time.perf_counter() - started)
            except Exception as error:  # noqa: BLE001 - counted and printed
                errors.append(repr(error))
    return {"done": pages, "errors": errors, "seconds": seconds}


def line(label: str, results: list[dict]) -> bool:
    done = sum(r["done"] for r in results)
    errors = [e for r in results for e in r["errors"]]
    seconds = [s for r in results for s in r["seconds"]]
    p50, p95 = percentiles(seconds) if seconds else (0.0, 0.0)
    print(
        f"  {label:28s} {done:6d} done, {len(errors)} errors, p50 {p50:7.1f} ms, p95 {p95:7.1f} ms"
    )
    for error in errors[:3]:
        print(f"    {error}")
    return not errors


def main() -> None:
    call_command("migrate", verbosity=0)
    import numpy as np

    organisation, layouts = build_organisation("Bench export", 120_000)
    started = time.perf_counter()
    with transaction.atomic():  # one transaction: SQLite commits each row on its own otherwise
        load(
            organisation,
            layouts,
            RESPONSES,
            np.random.default_rng(2026),
            open_share=0.35,
            days=150,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    loaded = time.perf_counter() - started
    Organisation.objects.filter(pk=organisation.pk).update(two_factor_required=False)
    user, _ = get_user_model().objects.get_or_create(username="bench@example.org")
    tenancy_service.add_member(user, organisation, Role.ANALYST)
    job = service.request_export(organisation, user, "responses", "csv", {"period": "venster"})
    SETUP.write_text(
        json.dumps(
            {
                "organisation": organisation.pk,
                "layout": layouts[0],
                "user": user.username,
                "job": job.pk,
            }
        )
    )
    connection.close()
    children = [
        subprocess.Popen(
            [sys.executable, __file__, role, WORKDIR], stdout=subprocess.PIPE, text=True
        )
        for role in ["resident"] * RESIDENTS + ["browser"] * BROWSERS
    ]
    # Start when everyone answers and browses (each process sets Django up first).
    waited = time.perf_counter()
    while len(list(Path(WORKDIR).glob("ready-*"))) < len(children):
        if time.perf_counter() - waited > 300:
            raise SystemExit("the residents and browsers did not start")
        time.sleep(0.2)
    time.sleep(1)
    started = time.perf_counter()
    jobs.run(job.pk)
    seconds = time.perf_counter() - started
    time.sleep(1)
    STOP.touch()
    outcomes = [json.loads(child.communicate(timeout=120)[0]) for child in children]
    job = ExportJob.objects.get(pk=job.pk)
    print(
        f"database: SQLite file (WAL) in {WORKDIR}; "
        f"{RESPONSES:,} responses loaded in {loaded:.0f} s"
    )
    print(
        f"  export ({job.status}) {job.done:,} of {job.total:,} responses, "
        f"{len(bytes(job.content or b'')) / 1e6:.1f} MB CSV in {seconds:.1f} s"
        + (f": {job.error}" if job.error else "")
    )
    clean = line(f"{RESIDENTS} residents answering", outcomes[:RESIDENTS])
    clean = line(f"{BROWSERS} staff browsing", outcomes[RESIDENTS:]) and clean
    finished = job.status == ExportStatus.DONE
    verdict = "ok" if finished and clean else "FAILED"
    print(f"export of {RESPONSES:,} responses beside answering and browsing: {verdict}")
    connection.close()
    shutil.rmtree(WORKDIR, ignore_errors=True)


if __name__ == "__main__":
    if ROLE == "export":
        main()
    else:
        outcome = resident() if ROLE == "resident" else browser()
        print(json.dumps(outcome))
