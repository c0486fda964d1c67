"""Figure endpoints at scale: p50/p95 latency of the dashboard and the figures API.

    make bench                                 # 1 000 000 responses (PostgreSQL)
    BENCH_RESPONSES=10000000 make bench        # the 10 M target (about ten times longer)

Loads N responses (seven numeric answers each) with COPY into a PostgreSQL database of its
own (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/gehoord_bench, created
and emptied by this script), spread over twelve organisations of three size classes over two
years, builds the rollups, then times full-stack requests (Django test client: URL routing,
middleware, session, ORM, template) against hand-written SQL for the same figure. Prints
figures; asserts nothing.
"""

import os
import sys
from datetime import timedelta

from summary import record

from gehoord.config import read

BENCH_RESPONSES = read("BENCH_RESPONSES")
DATABASE = read("BENCH_DATABASE_URL")
os.environ["DATABASE_URL"] = DATABASE
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gehoord.settings")
REQUESTS = read("BENCH_REQUESTS")
# BENCH_REUSE=1 times the database a previous run left behind instead of loading a new one.
REUSE = read("BENCH_REUSE")

import django  # noqa: E402

django.setup()

from loading import load_everything, percentiles, recreate_database, timed  # noqa: E402

if not REUSE:
    recreate_database(DATABASE)

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from gehoord.catalog.models import Provider, Service  # noqa: E402
from gehoord.framework import query as framework_query  # noqa: E402
from gehoord.insights import periods  # noqa: E402
from gehoord.surveys.models import Response  # noqa: E402
from gehoord.tenancy import service as tenancy_service  # noqa: E402
from gehoord.tenancy.models import Organisation  # noqa: E402
from gehoord.tenancy.roles import Role  # noqa: E402


def hand_sql_on_answers(organisation: Organisation, question_ids: list[int]):
    start, end = periods.window_ending(periods.today())
    sql = """SELECT count(a.value_number), avg(a.value_number)
             FROM surveys_answer a JOIN surveys_response r ON r.id = a.response_id
             WHERE r.organisation_id = %s AND a.question_id = ANY(%s)
               AND r.submitted_at >= %s AND r.submitted_at < %s"""

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, [organisation.pk, question_ids, start, end + timedelta(days=1)])
            return cursor.fetchone()

    return run


def hand_sql_on_rollups(organisation: Organisation, question_ids: list[int]):
    sql = """SELECT sum(n), sum(total) / nullif(sum(n), 0) FROM insights_figurerollup
             WHERE organisation_id = %s AND grain = 'window' AND question_id = ANY(%s)"""

    def run():
        with connection.cursor() as cursor:
            cursor.execute(sql, [organisation.pk, question_ids])
            return cursor.fetchone()

    return run


def main() -> None:
    call_command("migrate", verbosity=0)
    if REUSE:
        counts = dict(
            Response.objects.values_list("organisation_id").annotate(Count("pk")).order_by()
        )
        built = [(o, counts.get(o.pk, 0)) for o in Organisation.objects.order_by("name")]
        load_seconds = rollup_seconds = 0.0
    else:
        built, load_seconds, rollup_seconds = load_everything(BENCH_RESPONSES)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM insights_dailyrollup")
        daily_rows = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM insights_figurerollup")
        figure_rows = cursor.fetchone()[0]

    organisation, largest = built[-1]
    # The bench's analyst logs in with a password only (no second step to pass here).
    organisation.two_factor_required = False
    organisation.save(update_fields=["two_factor_required"])
    user, _ = get_user_model().objects.get_or_create(username="bench@example.org")
    tenancy_service.add_member(user, organisation, Role.ANALYST)
    key = tenancy_service.create_api_key(organisation, "bench")[1]
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    service = Service.objects.filter(organisation=organisation).first()
    provider = Provider.objects.filter(organisation=organisation).first()
    grade_ids = framework_query.questions_measuring(organisation, "overall_grade")

    def get(url, **headers):
        def run():
            response = client.get(url, headers=headers)
            assert response.status_code == 200, (url, response.status_code)

        return run

    endpoints = [
        ("dashboard: overview", get("/resultaten/")),
        (
            "dashboard: overview, one provider",
            get(f"/resultaten/?aanbieder={provider.pk}&indeling=age_band"),
        ),
        ("dashboard: providers of a service", get(f"/resultaten/aanbieders/?dienst={service.pk}")),
        ("dashboard: benchmark", get("/resultaten/benchmark/")),
        ("API: /api/v1/figures", get("/api/v1/figures", X_API_Key=key)),
        (
            "API: /api/v1/figures/providers",
            get(f"/api/v1/figures/providers?service={service.code}", X_API_Key=key),
        ),
        ("hand SQL: window grade from rollups", hand_sql_on_rollups(organisation, grade_ids)),
        ("hand SQL: window grade from answers", hand_sql_on_answers(organisation, grade_ids)),
    ]
    total = sum(count for _, count in built)
    print(
        f"database: {connection.vendor}; responses: {total:,} "
        f"({total * 7:,} answers) in {len(built)} organisations"
    )
    print(
        f"load with COPY: {load_seconds:.0f} s; rollup rebuild: {rollup_seconds:.0f} s "
        f"({daily_rows:,} daily rows, {figure_rows:,} month/window rows)"
    )
    print(
        f"timed organisation: {organisation.name}, {largest:,} responses; {REQUESTS} requests each"
    )
    results = {}
    for label, call in endpoints:
        p50, p95 = percentiles(timed(call, REQUESTS))
        results[label] = (p50, p95)
        print(f"  {label:45s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    api = results["API: /api/v1/figures"][0]
    for label in ("hand SQL: window grade from rollups", "hand SQL: window grade from answers"):
        print(f"ratio API figures p50 / {label}: {api / results[label][0]:.1f}×")
    worst = max(p95 for label, (_, p95) in results.items() if not label.startswith("hand"))
    print(f"slowest full-stack p95: {worst:.1f} ms (goal: < 100 ms at 10 M responses)")
    scale = f"{total / 1_000_000:g} M responses"
    for label, (_, p95) in results.items():
        if not label.startswith("hand"):
            record(f"{label} p95, {scale}", p95, "ms", goal="< 100 ms", passed=p95 < 100)
    hand = results["hand SQL: window grade from rollups"][0]
    record(
        f"API figures p50 beside hand SQL over the rollups, {scale}",
        api,
        "ms",
        baseline=hand,
        goal="ratio < 20",
        passed=api / hand < 20,
    )
    sys.exit(0)


if __name__ == "__main__":
    main()
