"""Bulk paths beside the database's own speed: the response loader and the rollup rebuild.

    .venv/bin/python bench/bulk.py postgresql 20000     # database, responses (20 000)
    .venv/bin/python bench/bulk.py sqlite 20000

Loader: bench/loading.py builds N responses (seven numeric answers each) column-wise and
stores them (COPY on PostgreSQL, one executemany per chunk on SQLite); rows per second
counts responses plus answers, building included. Baseline: the same rows, already rendered,
stored again into the same (emptied) tables with nothing else — a bare COPY on PostgreSQL,
a bare executemany on SQLite's own connection.

Rollup rebuild: `insights.rollups.rebuild` for every organisation (daily rows, months,
windows, segments). Baseline: one bare GROUP BY of the same answers by the daily keys into a
scratch table. Prints figures and ratios (goal ≥ 0.5 × the baseline); asserts nothing.
"""

import os
import sys
import tempfile
import time

from gehoord.config import read

VENDOR = sys.argv[1] if len(sys.argv) > 1 else "postgresql"
RESPONSES = int(sys.argv[2]) if len(sys.argv) > 2 else 20_000
WORKDIR = tempfile.mkdtemp(prefix="gehoord-bench-bulk-")
if VENDOR == "postgresql":
    DATABASE = read("BENCH_DATABASE_URL") + "_bulk"
else:
    DATABASE = f"sqlite:///{WORKDIR}/bench.sqlite3"
os.environ["DATABASE_URL"] = DATABASE
os.environ.setdefault("GEHOORD_DATA_DIR", WORKDIR)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gehoord.settings")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from loading import (  # noqa: E402
    ORGANISATIONS,
    build_organisation,
    copy_rows,
    copy_text,
    load,
    recreate_database,
    sqlite_rows,
    write_frame,
)

from gehoord.insights import rollups  # noqa: E402
from gehoord.tenancy.models import Organisation  # noqa: E402

GOAL = 0.5


def load_all(total: int) -> tuple[list[Organisation], float, int, list[tuple[str, pd.DataFrame]]]:
    """Load `total` responses over the twelve organisations; returns the organisations, the
    seconds the loader took (organisations' setup excluded), the rows it stored and the
    chunks it stored (for the baseline)."""
    rng = np.random.default_rng(2026)
    weights = np.array([inhabitants for _, inhabitants in ORGANISATIONS], dtype=float) ** 0.5
    counts = np.floor(weights / weights.sum() * total).astype(int)
    counts[-1] += total - counts.sum()
    chunks: list[tuple[str, pd.DataFrame]] = []

    def write(table: str, frame: pd.DataFrame) -> None:
        write_frame(table, frame)
        chunks.append((table, frame))

    organisations, seconds = [], 0.0
    for (name, inhabitants), count in zip(ORGANISATIONS, counts, strict=True):
        organisation, layouts = build_organisation(name, inhabitants)
        started = time.perf_counter()
        load(organisation, layouts, int(count), rng, write=write)
        seconds += time.perf_counter() - started
        organisations.append(organisation)
    return organisations, seconds, sum(len(frame) for _, frame in chunks), chunks


def bare_store(chunks: list[tuple[str, pd.DataFrame]]) -> float:
    """Empty the two tables and store the same rows again, rendered beforehand."""
    if VENDOR == "postgresql":
        rendered = [(table, list(frame.columns), copy_text(frame)) for table, frame in chunks]
    else:
        rendered = [(table, list(frame.columns), sqlite_rows(frame)) for table, frame in chunks]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM surveys_answer")
        cursor.execute("DELETE FROM surveys_response")
    started = time.perf_counter()
    if VENDOR == "postgresql":
        for table, columns, text in rendered:
            copy_rows(table, columns, text)
    else:
        raw = connection.connection  # sqlite3's own connection, no Django wrapper
        for table, columns, rows in rendered:
            marks = ", ".join(["?"] * len(columns))
            raw.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        raw.commit()
    return time.perf_counter() - started


def analyse() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def bare_group_by() -> tuple[float, int]:
    """The daily rollup's GROUP BY, written by hand, into a scratch table."""
    if VENDOR == "postgresql":
        day = f"(r.submitted_at AT TIME ZONE '{settings.TIME_ZONE}')::date"
    else:
        day = "date(r.submitted_at)"  # UTC: close enough for a baseline
    sql = f"""
        CREATE TEMPORARY TABLE bare_daily AS
        SELECT r.organisation_id, r.questionnaire_id, a.question_id, r.service_id,
               r.provider_id, r.team_id, r.channel, r.invitation_channel, r.district,
               r.age_band, {day} AS day,
               count(a.value_number) AS n, sum(a.value_number) AS total,
               sum(a.value_number * a.value_number) AS total_sq,
               sum(CASE WHEN (i.type = 'agreement' AND a.value_number >= 4)
                          OR (i.type = 'yes_no' AND a.value_number = 1)
                          OR (i.type = 'grade' AND a.value_number >= 6) THEN 1 ELSE 0 END)
                   AS favourable,
               sum(CASE WHEN a.not_applicable THEN 1 ELSE 0 END) AS not_applicable
        FROM surveys_answer a
        JOIN surveys_response r ON r.id = a.response_id
        JOIN framework_versionitem i ON i.id = a.item_id
        WHERE i.type IN ({", ".join(["%s"] * len(rollups.NUMERIC_TYPES))})
          AND r.review IN ('', 'genuine')
          AND (a.value_number IS NOT NULL OR a.not_applicable)
        GROUP BY r.organisation_id, r.questionnaire_id, a.question_id, r.service_id,
                 r.provider_id, r.team_id, r.channel, r.invitation_channel, r.district,
                 r.age_band, {day}"""
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bare_daily")
        started = time.perf_counter()
        cursor.execute(sql, list(rollups.NUMERIC_TYPES))
        seconds = time.perf_counter() - started
        cursor.execute("SELECT count(*) FROM bare_daily")
        return seconds, cursor.fetchone()[0]


def main() -> None:
    if VENDOR == "postgresql":
        recreate_database(DATABASE)
    call_command("migrate", verbosity=0)
    organisations, load_seconds, rows, chunks = load_all(RESPONSES)
    bare_load = bare_store(chunks)
    analyse()
    started = time.perf_counter()
    for organisation in organisations:
        rollups.rebuild(organisation)
    rollup_seconds = time.perf_counter() - started
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM insights_dailyrollup")
        daily_rows = cursor.fetchone()[0]
    bare_seconds, bare_rows = bare_group_by()
    answers = rows - RESPONSES
    loader_rate, bare_rate = rows / load_seconds, rows / bare_load
    print(f"bulk paths on {VENDOR}: {RESPONSES:,} responses, {answers:,} answers")
    print(
        f"  loader (build + {'COPY' if VENDOR == 'postgresql' else 'executemany'}) "
        f"{loader_rate:10,.0f} rows/s   bare {'COPY' if VENDOR == 'postgresql' else 'executemany'}"
        f" of the same rows {bare_rate:10,.0f} rows/s   ratio {loader_rate / bare_rate:.2f}× "
        f"(goal ≥ {GOAL}×)"
    )
    print(
        f"  rollup rebuild {rollup_seconds:8.2f} s ({daily_rows:,} daily rows + months, windows, "
        f"segments)   bare GROUP BY {bare_seconds:8.2f} s ({bare_rows:,} rows)   "
        f"ratio {bare_seconds / rollup_seconds:.2f}× (goal ≥ {GOAL}×)"
    )


if __name__ == "__main__":
    main()
