"""The staff responses list at scale: p50/p95 latency of /enquetes/reacties/ (first page,
a page deep in the list by its cursor, and the filters) through the Django test client.

    make bench                                        # 100 000 responses (PostgreSQL)
    .venv/bin/python bench/response_list.py --1m      # the 1 M case (make bench-1m)
    BENCH_RESPONSES=250000 .venv/bin/python bench/response_list.py   # any other number

Loads the responses with bench/loading.py (the loader of bench/figures.py; a third of
them with an open answer) into a PostgreSQL database of its own, BENCH_DATABASE_URL with
"_list" added to its name (created and emptied here; no rollups are built). Prints
figures; asserts nothing.
"""

import html
import os
import re
import sys

from summary import record

from gehoord.config import read

# `--1m`: a million; else BENCH_RESPONSES when set (as for bench/figures.py); else 100 000,
# the demo's scale × 4.
if "--1m" in sys.argv[1:]:
    RESPONSES = 1_000_000
elif "BENCH_RESPONSES" in os.environ:
    RESPONSES = read("BENCH_RESPONSES")
else:
    RESPONSES = 100_000
DATABASE = read("BENCH_DATABASE_URL") + "_list"
os.environ["DATABASE_URL"] = DATABASE
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gehoord.settings")
REQUESTS = read("BENCH_REQUESTS")

import django  # noqa: E402

django.setup()

from loading import load_everything, percentiles, recreate_database, timed  # noqa: E402

recreate_database(DATABASE)

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from gehoord.catalog.models import Service  # noqa: E402
from gehoord.tenancy import service as tenancy_service  # noqa: E402
from gehoord.tenancy.roles import Role  # noqa: E402

URL = "/enquetes/reacties/"
GOAL_MS = 300


def count_queries(call) -> int:
    """Queries of one request, by a wrapper: the test client's request_started signal
    clears Django's own query log."""
    seen: list[str] = []

    def count(run, sql, *args):
        seen.append(sql)
        return run(sql, *args)

    with connection.execute_wrapper(count):
        call()
    return len(seen)


def main() -> None:
    call_command("migrate", verbosity=0)
    built, load_seconds, _ = load_everything(RESPONSES, open_share=0.35, build_rollups=False)
    organisation, largest = built[-1]
    # The bench's analyst logs in with a password only (no second step to pass here).
    organisation.two_factor_required = False
    organisation.save(update_fields=["two_factor_required"])
    user, _ = get_user_model().objects.get_or_create(username="bench@example.org")
    tenancy_service.add_member(user, organisation, Role.ANALYST)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    service = Service.objects.filter(organisation=organisation).first()

    def get(url):
        def run():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response

        return run

    def link(response, rel: str) -> str:
        found = re.search(rf'href="\?([^"]*)" rel="{rel}"', response.content.decode())
        assert found, f"no {rel} link"
        return f"{URL}?{html.unescape(found.group(1))}"

    # Follow "Volgende" twenty times to reach a page deep in the list.
    deep = get(URL)()
    for _ in range(20):
        deep = get(link(deep, "next"))()
    endpoints = [
        ("first page", URL),
        ("page 21 (cursor)", link(deep, "next")),
        ("previous page from there", link(deep, "prev")),
        ("grade 3", f"{URL}?cijfer=3"),
        ("with open answer", f"{URL}?open=ja"),
        ("grade 1, with open answer, one service", f"{URL}?cijfer=1&open=ja&dienst={service.pk}"),
    ]
    total = sum(count for _, count in built)
    print(f"database: {connection.vendor}; responses: {total:,} in {len(built)} organisations")
    print(f"load with COPY: {load_seconds:.0f} s")
    print(f"timed organisation: {organisation.name}, {largest:,} responses; {REQUESTS} requests")
    worst = 0.0
    for label, url in endpoints:
        queries = count_queries(get(url))
        p50, p95 = percentiles(timed(get(url), REQUESTS))
        worst = max(worst, p95)
        print(f"  {label:40s} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {queries} queries")
    print(f"slowest p95: {worst:.1f} ms (goal: < {GOAL_MS} ms)")
    record(
        f"staff responses list, slowest p95, {total:,} responses",
        worst,
        "ms",
        goal=f"< {GOAL_MS} ms",
        passed=worst < GOAL_MS,
    )
    sys.exit(0)


if __name__ == "__main__":
    main()
