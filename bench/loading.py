"""Loading many responses fast for the benchmarks (bench/figures.py, bench/response_list.py,
bench/bulk.py).

Import after django.setup(), with DATABASE_URL pointing at a database of the benchmark's
own: responses and answers are built column-wise (numpy/pandas, no loop per row) and go in
with COPY on PostgreSQL (one executemany per chunk on SQLite), spread over twelve
organisations of three size classes over two years.
"""

import statistics
import time
from collections.abc import Callable

import numpy as np
import pandas as pd
import psycopg
from django.db import connection
from django.utils import timezone

from gehoord.catalog.models import Provider, Service, Team
from gehoord.demo.survey_data import DISTRICTS, PLANTED_WEIGHTS
from gehoord.demo.survey_step import build_questionnaire, ensure_driver_questions
from gehoord.framework import service as framework_service
from gehoord.framework.models import Question
from gehoord.insights import rollups
from gehoord.tenancy.models import Organisation


def recreate_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as admin_connection:
        admin_connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin_connection.execute(f'CREATE DATABASE "{name}"')


# Open answers (bench/response_list.py): a share of responses says what could be better.
OPEN_TEXTS = [
    "Het duurde lang voordat ik een afspraak kon maken.",
    "Vriendelijk geholpen aan de balie, maar de website was onduidelijk.",
    "Ik moest drie keer bellen voordat iemand mij terugbelde.",
    "Snel en duidelijk, dank u wel.",
    "De brief was moeilijk te begrijpen.",
]

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
                    k: (items[k].pk, items[k].question_id)
                    for k in ["grade", "effort", "improve", *DRIVERS]
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
    """PostgreSQL COPY of tab-separated `text` (psycopg 3's `cursor.copy`)."""
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg 3 cursor under Django's wrapper
        with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            copy.write(text)


def copy_text(frame: pd.DataFrame) -> str:
    return frame.to_csv(sep="\t", header=False, index=False, na_rep="\\N", float_format="%.0f")


def sqlite_rows(frame: pd.DataFrame) -> list[tuple]:
    """The frame as parameter tuples for SQLite (NaN becomes NULL, "t"/"f" booleans 1/0)."""
    frame = frame.astype(object).where(frame.notna(), None)
    for column in frame.columns:
        if column == "not_applicable":
            frame[column] = frame[column].map({"t": 1, "f": 0})
        elif column in ("submitted_at", "received_at"):
            frame[column] = frame[column].map(lambda moment: moment.isoformat(sep=" "))
    return list(frame.itertuples(index=False, name=None))


def insert_rows(table: str, columns: list[str], rows: list[tuple]) -> None:
    """One executemany of the rows (SQLite has no COPY)."""
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def write_frame(table: str, frame: pd.DataFrame) -> None:
    """Store a chunk the fastest way the database offers."""
    if connection.vendor == "postgresql":
        copy_rows(table, list(frame.columns), copy_text(frame))
    else:
        insert_rows(table, list(frame.columns), sqlite_rows(frame))


def uuid4_hex(raw: bytes) -> np.ndarray:
    """Version-4 UUIDs from random bytes, as 32 hex digits (what Django stores on SQLite and
    PostgreSQL reads), without a Python call per id."""
    octets = np.frombuffer(raw, np.uint8).reshape(-1, 16).copy()
    octets[:, 6] = (octets[:, 6] & 0x0F) | 0x40
    octets[:, 8] = (octets[:, 8] & 0x3F) | 0x80
    return np.frombuffer(octets.tobytes().hex().encode(), dtype="S32").astype(str)


def load(
    organisation: Organisation,
    layouts: list[dict],
    count: int,
    rng: np.random.Generator,
    open_share: float = 0.0,
    write: Callable[[str, pd.DataFrame], None] = write_frame,
    days: int = 730,
) -> None:
    """Store `count` responses and their answers, built column-wise in chunks, submitted
    over the last `days`; `open_share` of them also answer the open question. `write`
    stores one chunk of one table."""
    now = timezone.now()
    chunk = 200_000
    providers = np.array([layout["providers"] for layout in layouts])
    teams = np.array([layout["teams"] for layout in layouts])
    column = {
        key: np.array([layout[key] for layout in layouts])
        for key in ("questionnaire", "version", "service")
    }
    items = {
        key: np.array([layout["items"][key] for layout in layouts])
        for key in ["grade", "effort", "improve", *DRIVERS]
    }
    for start in range(0, count, chunk):
        size = min(chunk, count - start)
        which = rng.integers(0, len(layouts), size)
        ids = uuid4_hex(rng.bytes(16 * size))
        submitted = pd.Series(now - pd.to_timedelta(rng.integers(0, days * 86400, size), "s"))
        responses = pd.DataFrame(
            {
                "id": ids,
                "organisation_id": organisation.pk,
                "questionnaire_id": column["questionnaire"][which],
                "version_id": column["version"][which],
                "channel": "web",
                "language": "nl",
                "submitted_at": submitted,
                "received_at": submitted,
                "service_id": column["service"][which],
                "provider_id": providers[which, rng.integers(0, providers.shape[1], size)],
                "team_id": teams[which, rng.integers(0, teams.shape[1], size)],
                "district": np.array(DISTRICTS)[rng.integers(0, len(DISTRICTS), size)],
                "age_band": np.array(AGE_BANDS)[rng.integers(0, len(AGE_BANDS), size)],
                "invitation_channel": "email",
                "review": "",  # not doubted (surveys.review)
                "review_reason": "",
            }
        )
        write("surveys_response", responses)
        answers = simulate(rng, size)
        parts = []
        for key in ["grade", "effort", *DRIVERS]:
            na = (rng.random(size) < 0.04) if key in DRIVERS else np.zeros(size, bool)
            parts.append(
                pd.DataFrame(
                    {
                        "response_id": ids,
                        "item_id": items[key][which, 0],
                        "question_id": items[key][which, 1],
                        "value_number": np.where(na, np.nan, answers[key]),
                        "value_text": "",
                        "not_applicable": np.where(na, "t", "f"),
                    }
                )
            )
        if open_share:
            written = rng.random(size) < open_share
            picked = np.array(OPEN_TEXTS)[rng.integers(0, len(OPEN_TEXTS), size)]
            parts.append(
                pd.DataFrame(
                    {
                        "response_id": ids[written],
                        "item_id": items["improve"][which[written], 0],
                        "question_id": items["improve"][which[written], 1],
                        "value_number": np.nan,
                        "value_text": picked[written],
                        "not_applicable": "f",
                    }
                )
            )
        write("surveys_answer", pd.concat(parts, ignore_index=True))


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return (
        statistics.median(ordered) * 1000,
        ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000,
    )


def timed(call, repeat: int) -> list[float]:
    call()  # warm caches and connections once
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        samples.append(time.perf_counter() - started)
    return samples


def load_everything(
    total: int, *, open_share: float = 0.0, build_rollups: bool = True
) -> tuple[list[tuple[Organisation, int]], float, float]:
    """Load `total` responses over the twelve organisations (larger ones get more)."""
    rng = np.random.default_rng(2026)
    weights = np.array([inhabitants for _, inhabitants in ORGANISATIONS], dtype=float) ** 0.5
    counts = np.floor(weights / weights.sum() * total).astype(int)
    counts[-1] += total - counts.sum()
    started = time.perf_counter()
    built = []
    for (name, inhabitants), count in zip(ORGANISATIONS, counts, strict=True):
        organisation, layouts = build_organisation(name, inhabitants)
        load(organisation, layouts, int(count), rng, open_share)
        built.append((organisation, int(count)))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    load_seconds = time.perf_counter() - started
    started = time.perf_counter()
    if not build_rollups:
        return built, load_seconds, 0.0
    for organisation, _ in built:
        rollups.rebuild(organisation)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    rollup_seconds = time.perf_counter() - started
    return built, load_seconds, rollup_seconds
