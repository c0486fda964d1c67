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
import statistics
import sys
import time
import uuid
from datetime import timedelta

from gehoord.config import read

BENCH_RESPONSES = read("BENCH_RESPONSES")
DATABASE = read("BENCH_DATABASE_URL")
os.environ["DATABASE_URL"] = DATABASE
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gehoord.settings")
REQUESTS = read("BENCH_REQUESTS")
# BENCH_REUSE=1 times the database a previous run left behind instead of loading a new one.
REUSE = read("BENCH_REUSE")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import psycopg  # noqa: E402


def recreate_database() -> None:
    name = DATABASE.rsplit("/", 1)[1]
    admin = DATABASE.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


if not REUSE:
    recreate_database()

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from gehoord.catalog.models import Provider, Service, Team  # noqa: E402
from gehoord.demo.survey_data import DISTRICTS, PLANTED_WEIGHTS  # noqa: E402
from gehoord.demo.survey_step import build_questionnaire, ensure_driver_questions  # noqa: E402
from gehoord.framework import query as framework_query  # noqa: E402
from gehoord.framework import service as framework_service  # noqa: E402
from gehoord.framework.models import Question  # noqa: E402
from gehoord.insights import periods, rollups  # noqa: E402
from gehoord.surveys.models import Response  # noqa: E402
from gehoord.tenancy import service as tenancy_service  # noqa: E402
from gehoord.tenancy.models import Organisation  # noqa: E402
from gehoord.tenancy.roles import Role  # noqa: E402

ORGANISATIONS = [
    (f"Bench {i:02d}", inhabitants)
    for i, inhabitants in enumerate([40_000] * 4 + [120_000] * 4 + [400_000] * 4)
]
SERVICES, PROVIDERS_PER_SERVICE, TEAMS = 6, 5, 6
DRIVERS = list(PLANTED_WEIGHTS)
AGE_BANDS = ["18-34", "35-49", "50-64", "65-79", "80+"]


def build_organisation(name: str, inhabitants: int) -> tuple[Organisation, list[dict]]:
    organisation = Organisation.objects.create(
        name=name, slug=name.lower().replace(" ", "-"), kind="municipality", inhabitants=inhabitants
    )
    framework_service.install_defaults(organisation)
    bank = {q.code: q for q in Question.objects.filter(organisation=organisation)}
    driver_questions = ensure_driver_questions(organisation)
    teams = [Team.objects.create(organisation=organisation, name=f"Team {t}") for t in range(TEAMS)]
    layouts = []
    for s in range(SERVICES):
        service = Service.objects.create(
            organisation=organisation, name=f"Dienst {s}", code=f"dienst-{s}"
        )
        providers = []
        for p in range(PROVIDERS_PER_SERVICE):
            provider = Provider.objects.create(organisation=organisation, name=f"Aanbieder {s}-{p}")
            provider.services.add(service)
            providers.append(provider.pk)
        version, items = build_questionnaire(organisation, service, bank, driver_questions)
        layouts.append(
            {
                "service": service.pk,
                "providers": providers,
                "teams": [t.pk for t in teams],
                "version": version.pk,
                "questionnaire": version.questionnaire_id,
                "items": {
                    k: (items[k].pk, items[k].question_id) for k in ["grade", "effort", *DRIVERS]
                },
            }
        )
    return organisation, layouts


def simulate(rng: np.random.Generator, count: int) -> dict[str, np.ndarray]:
    common = rng.normal(0, 0.7, count)
    answers = {}
    for driver in DRIVERS:
        latent = common + rng.normal(0, 0.75, count)
        answers[driver] = np.clip(np.rint(3.6 + 1.1 * latent), 1, 5)
    grade = 7.0 + sum(w * (answers[d] - 3) for d, w in PLANTED_WEIGHTS.items())
    answers["grade"] = np.clip(np.rint(grade + rng.normal(0, 0.8, count)), 1, 10)
    answers["effort"] = np.clip(
        np.rint(3.6 + (answers["grade"] - 7) / 1.5 + rng.normal(0, 0.6, count)), 1, 5
    )
    return answers


def copy_rows(table: str, columns: list[str], text: str) -> None:
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg 3 cursor under Django's wrapper
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            copy.write(text)


def load(
    organisation: Organisation, layouts: list[dict], count: int, rng: np.random.Generator
) -> None:
    """COPY `count` responses and their answers, built column-wise in chunks."""
    now = timezone.now()
    chunk = 200_000
    providers = np.array([layout["providers"] for layout in layouts])
    teams = np.array([layout["teams"] for layout in layouts])
    for start in range(0, count, chunk):
        size = min(chunk, count - start)
        which = rng.integers(0, len(layouts), size)
        raw = rng.bytes(16 * size)
        ids = [str(uuid.UUID(bytes=raw[i : i + 16], version=4)) for i in range(0, 16 * size, 16)]
        submitted = pd.Series(now - pd.to_timedelta(rng.integers(0, 730 * 86400, size), "s"))
        responses = pd.DataFrame(
            {
                "id": ids,
                "organisation_id": organisation.pk,
                "questionnaire_id": [layouts[i]["questionnaire"] for i in which],
                "version_id": [layouts[i]["version"] for i in which],
                "channel": "web",
                "language": "nl",
                "submitted_at": submitted,
                "received_at": submitted,
                "service_id": [layouts[i]["service"] for i in which],
                "provider_id": providers[which, rng.integers(0, providers.shape[1], size)],
                "team_id": teams[which, rng.integers(0, teams.shape[1], size)],
                "district": np.array(DISTRICTS)[rng.integers(0, len(DISTRICTS), size)],
                "age_band": np.array(AGE_BANDS)[rng.integers(0, len(AGE_BANDS), size)],
                "invitation_channel": "email",
            }
        )
        copy_frame("surveys_response", responses)
        answers = simulate(rng, size)
        parts = []
        for key in ["grade", "effort", *DRIVERS]:
            na = (rng.random(size) < 0.04) if key in DRIVERS else np.zeros(size, bool)
            parts.append(
                pd.DataFrame(
                    {
                        "response_id": ids,
                        "item_id": [layouts[i]["items"][key][0] for i in which],
                        "question_id": [layouts[i]["items"][key][1] for i in which],
                        "value_number": np.where(na, np.nan, answers[key]),
                        "value_text": "",
                        "not_applicable": np.where(na, "t", "f"),
                    }
                )
            )
        copy_frame("surveys_answer", pd.concat(parts, ignore_index=True))


def copy_frame(table: str, frame: pd.DataFrame) -> None:
    text = frame.to_csv(sep="\t", header=False, index=False, na_rep="\\N", float_format="%.0f")
    copy_rows(table, list(frame.columns), text)


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return (
        statistics.median(ordered) * 1000,
        ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000,
    )


def timed(call, repeat: int = REQUESTS) -> list[float]:
    call()  # warm caches and connections once
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return samples


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


def load_everything() -> tuple[list[tuple[Organisation, int]], float, float]:
    rng = np.random.default_rng(2026)
    weights = np.array([inhabitants for _, inhabitants in ORGANISATIONS], dtype=float) ** 0.5
    counts = np.floor(weights / weights.sum() * BENCH_RESPONSES).astype(int)
    counts[-1] += BENCH_RESPONSES - counts.sum()
    started = time.perf_counter()
    built = []
    for (name, inhabitants), count in zip(ORGANISATIONS, counts, strict=True):
        organisation, layouts = build_organisation(name, inhabitants)
        load(organisation, layouts, int(count), rng)
        built.append((organisation, int(count)))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    for organisation, _ in built:
        rollups.rebuild(organisation)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rollup_seconds = time.perf_counter() - started
    return built, load_seconds, rollup_seconds


def main() -> None:
    call_command("migrate", verbosity=0)
    if REUSE:
        counts = dict(
            Response.objects.values_list("organisation_id").annotate(Count("pk")).order_by()
        )
        built = [(o, counts.get(o.pk, 0)) for o in Organisation.objects.order_by("name")]
        load_seconds = rollup_seconds = 0.0
    else:
        built, load_seconds, rollup_seconds = load_everything()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM insights_dailyrollup")
        daily_rows = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM insights_figurerollup")
        figure_rows = cursor.fetchone()[0]

    organisation, largest = built[-1]
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
        p50, p95 = percentiles(timed(call))
        results[label] = (p50, p95)
        print(f"  {label:45s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")
    api = results["API: /api/v1/figures"][0]
    for label in ("hand SQL: window grade from rollups", "hand SQL: window grade from answers"):
        print(f"ratio API figures p50 / {label}: {api / results[label][0]:.1f}×")
    worst = max(p95 for label, (_, p95) in results.items() if not label.startswith("hand"))
    print(f"slowest full-stack p95: {worst:.1f} ms (goal: < 100 ms at 10 M responses)")
    sys.exit(0)


if __name__ == "__main__":
    main()
