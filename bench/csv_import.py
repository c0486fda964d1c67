"""CSV import of service events: time and memory for a large file (20 000 rows by default;
BENCH_CSV_ROWS=100000 for the size the issue names — about a quarter of an hour here).

    BENCH_CSV_ROWS=100000 .venv/bin/python bench/csv_import.py

Prints figures; asserts nothing.
"""

import os
import resource
import tempfile
import time

from summary import record

from gehoord.config import read

ROWS = read("BENCH_CSV_ROWS")
WORKDIR = tempfile.mkdtemp(prefix="gehoord-bench-csv-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORKDIR}/bench.sqlite3")
os.environ.setdefault("GEHOORD_DATA_DIR", WORKDIR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gehoord.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from gehoord.catalog.models import Service  # noqa: E402
from gehoord.outreach.csv_import import import_events  # noqa: E402
from gehoord.outreach.models import ServiceEvent  # noqa: E402
from gehoord.tenancy.models import Organisation  # noqa: E402


def make_csv(rows: int) -> bytes:
    lines = ["service;kind;date;name;email;district"]
    lines += [
        f"paspoort;afgerond;2026-10-{1 + i % 28:02d};Inwoner {i};p{i}@example.org;Noord"
        for i in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def main() -> None:
    call_command("migrate", verbosity=0)
    org = Organisation.objects.create(
        name=f"CSV {time.time()}",
        slug=f"csv{int(time.time())}",
        kind="municipality",
        inhabitants=50_000,
    )
    Service.objects.create(organisation=org, name="Paspoort", code="paspoort")
    raw = make_csv(ROWS)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    report = import_events(org, raw)
    seconds = time.perf_counter() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"database: {connection.vendor}")
    print(
        f"rows: {ROWS} ({len(raw) / 1e6:.1f} MB), imported {report.imported}, "
        f"events in database {ServiceEvent.objects.filter(organisation=org).count()}"
    )
    print(f"time: {seconds:.1f} s  →  {ROWS / seconds:.0f} rows per second")
    # Peak RSS only grows; the difference is what the import added on top of Django.
    print(f"process peak memory: {rss:.0f} MB (before the import {rss_before:.0f} MB)")
    stored = ServiceEvent.objects.filter(organisation=org).count()
    record(
        f"CSV import of {ROWS:,} service events, {connection.vendor}",
        ROWS / seconds,
        "rows/s",
        goal="every row imported",
        passed=report.imported == stored == ROWS,
    )


if __name__ == "__main__":
    main()
