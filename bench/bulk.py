"""Bulk paths beside the database's own speed: the response loader and the rollup rebuild.

    .venv/bin/python bench/bulk.py postgresql 20000     # database, responses (20 000)
    .venv/bin/python bench/bulk.py sqlite 20000

Loader: bench/loading.py builds N responses (seven numeric answers each) column-wise and
stores them (COPY on PostgreSQL, one executemany per chunk on SQLite); rows per second
counts responses plus answers, building included. Baseline: the same rows, already rendered,
stored again into the same (emptied) tables with nothing else — a bare COPY on PostgreSQL,
a bare executemany on SQLite's own connection.

Rollup rebuild: `insights.rollups.rebuild` for every organisation (daily rows, months,
windows, segments). Baseline, like for like: the same groupings as plain hand-written
GROUP BYs into plain tables of the same kind (ordinary, logged tables, but without the
rollups' indexes): the daily GROUP BY of the answers, then from its rows one GROUP BY per
grain (months, window, previous window) for the figures and one per grain and segment
attribute — the same rows the rebuild stores (the bench checks the counts agree), with the
same local day (PostgreSQL's AT TIME ZONE, Django's own function on SQLite). The daily
GROUP BY alone is printed beside it. Prints figures and ratios (goal ≥ 0.5 × the
baseline); asserts nothing.
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

from gehoord.insights import periods, rollups  # noqa: E402
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


FIGURE_KEYS = (
    "organisation_id, questionnaire_id, question_id, service_id, provider_id, team_id, channel"
)
SUMS = (
    "sum(n) AS n, sum(total) AS total, sum(total_sq) AS total_sq, "
    "sum(favourable) AS favourable, sum(not_applicable) AS not_applicable"
)
SEGMENTS = ("district", "age_band", "invitation_channel", "channel")
BARE_TABLES = ("bare_daily", "bare_figures", "bare_segments")


def bare_statements() -> list[tuple[str, str, list]]:
    """(table, SELECT, parameters): one plain GROUP BY per grouping the rebuild stores —
    the daily rows from the answers, then from those the month figures, the two windows'
    figures and every segment attribute per month and window."""
    if VENDOR == "postgresql":
        # The rebuild's own local day (Django's TruncDate with the time zone).
        day = f"(r.submitted_at AT TIME ZONE '{settings.TIME_ZONE}')::date"
        month_start = "CAST(date_trunc('month', day) AS date)"
        month_end = "CAST(date_trunc('month', day) + INTERVAL '1 month - 1 day' AS date)"
    else:
        # Django's own function for a local day on SQLite, as TruncDate uses in the rebuild.
        day = f"django_datetime_cast_date(r.submitted_at, '{settings.TIME_ZONE}', 'UTC')"
        month_start = "date(day, 'start of month')"
        month_end = "date(day, 'start of month', '+1 month', '-1 day')"
    types = ", ".join(["%s"] * len(rollups.NUMERIC_TYPES))
    daily = f"""
        SELECT r.organisation_id, r.questionnaire_id, a.question_id, r.service_id,
               r.provider_id, r.team_id, r.channel, r.invitation_channel, r.district,
               r.age_band, {day} AS day,
               count(a.value_number) AS n, coalesce(sum(a.value_number), 0) AS total,
               coalesce(sum(a.value_number * a.value_number), 0) AS total_sq,
               sum(CASE WHEN (i.type = 'agreement' AND a.value_number >= 4)
                          OR (i.type = 'yes_no' AND a.value_number = 1)
                          OR (i.type = 'grade' AND a.value_number >= 6) THEN 1 ELSE 0 END)
                   AS favourable,
               sum(CASE WHEN a.not_applicable THEN 1 ELSE 0 END) AS not_applicable
        FROM surveys_answer a
        JOIN surveys_response r ON r.id = a.response_id
        JOIN framework_versionitem i ON i.id = a.item_id
        WHERE i.type IN ({types})
          AND r.review IN ('', 'genuine')
          AND (a.value_number IS NOT NULL OR a.not_applicable)
        GROUP BY r.organisation_id, r.questionnaire_id, a.question_id, r.service_id,
                 r.provider_id, r.team_id, r.channel, r.invitation_channel, r.district,
                 r.age_band, {day}"""
    today = periods.today()
    # (grain, period start, period end, WHERE, GROUP BY beside the keys, parameters)
    periods_of = [("month", month_start, month_end, "", f", {month_start}, {month_end}", [])]
    for grain, (start, end) in (
        ("window", periods.window_ending(today)),
        ("previous_window", periods.previous_window(today)),
    ):
        where = "WHERE day >= %s AND day <= %s"
        periods_of.append((grain, "%s", "%s", where, "", [start, end] * 2))
    statements = [("bare_daily", daily, list(rollups.NUMERIC_TYPES))]
    for grain, start, end, where, grouped, params in periods_of:
        statements.append(
            (
                "bare_figures",
                f"SELECT {FIGURE_KEYS}, '{grain}' AS grain, {start} AS period_start, "
                f"{end} AS period_end, {SUMS} FROM bare_daily {where} "
                f"GROUP BY {FIGURE_KEYS}{grouped}",
                params,
            )
        )
        for dimension in SEGMENTS:
            statements.append(
                (
                    "bare_segments",
                    f"SELECT {FIGURE_KEYS}, '{dimension}' AS dimension, {dimension} AS value, "
                    f"'{grain}' AS grain, {start} AS period_start, {end} AS period_end, "
                    f"{SUMS} FROM bare_daily {where} "
                    f"GROUP BY {FIGURE_KEYS}, {dimension}{grouped}",
                    params,
                )
            )
    return statements


def bare_group_by() -> tuple[float, float, int]:
    """Every grouping the rebuild stores, as plain hand-written GROUP BYs into plain tables
    (ordinary tables like the rollups, no indexes, no keys): the same rows and the same
    groupings as the rebuild, nothing else. Returns the seconds of all of them, of the
    daily GROUP BY alone, and the rows stored."""
    with connection.cursor() as cursor:
        for table in BARE_TABLES:
            cursor.execute(f"DROP TABLE IF EXISTS {table}")
        created: set[str] = set()
        seconds = daily_seconds = 0.0
        for table, select, params in bare_statements():
            if table in created:
                sql = f"INSERT INTO {table} {select}"
            else:
                sql = f"CREATE TABLE {table} AS {select}"
                created.add(table)
            started = time.perf_counter()
            cursor.execute(sql, params)
            elapsed = time.perf_counter() - started
            seconds += elapsed
            if table == "bare_daily":
                daily_seconds = elapsed
        rows = 0
        for table in BARE_TABLES:
            cursor.execute(f"SELECT count(*) FROM {table}")
            rows += cursor.fetchone()[0]
        return seconds, daily_seconds, rows


def rollup_rows() -> int:
    with connection.cursor() as cursor:
        total = 0
        for table in ("insights_dailyrollup", "insights_figurerollup", "insights_segmentrollup"):
            cursor.execute(f"SELECT count(*) FROM {table}")
            total += cursor.fetchone()[0]
        return total


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
    stored = rollup_rows()
    bare_seconds, bare_daily_seconds, bare_rows = bare_group_by()
    if bare_rows != stored:
        print(f"  (!) the bare GROUP BYs stored {bare_rows:,} rows, the rebuild {stored:,}")
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
        f"  rollup rebuild {rollup_seconds:8.2f} s ({stored:,} rows: daily, months, windows, "
        f"segments)   bare GROUP BYs of the same groupings {bare_seconds:8.2f} s "
        f"({bare_rows:,} rows; the daily one alone {bare_daily_seconds:.2f} s)   "
        f"ratio {bare_seconds / rollup_seconds:.2f}× (goal ≥ {GOAL}×)"
    )


if __name__ == "__main__":
    main()
