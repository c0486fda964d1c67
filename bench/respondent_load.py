"""A bounded load test of the respondent flow: residents answer the demo-like three-page
questionnaire through gunicorn on PostgreSQL for BENCH_LOAD_SECONDS (60 s), each as a
browser would (GET the page, POST it with the CSRF token from its cookie, follow the
redirect), BENCH_LOAD_CONCURRENCY at a time, and no more are started once the time is up.

    make bench                                # 60 s, 8 residents at a time
    BENCH_LOAD_SECONDS=300 BENCH_LOAD_CONCURRENCY=32 .venv/bin/python bench/respondent_load.py

Reports requests per second, the errors (an exception or an HTTP status other than 200)
and the lost responses: a survey whose last page was confirmed (the thank-you page
answered) but that is not in the database once. Prints figures; asserts nothing.
"""

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from respondent_flow import (
    COUNT_RESPONSES,
    HERE,
    POSTGRES,
    answer,
    free_port,
    gehoord,
    start_server,
)
from summary import record

from gehoord.config import read

SECONDS = read("BENCH_LOAD_SECONDS")
CONCURRENCY = read("BENCH_LOAD_CONCURRENCY")
# More links than a run can use: a resident takes one, a run of 60 s uses a few hundred.
LINKS = max(2000, SECONDS * 50)


def main() -> None:
    name = f"gehoord_bench_load_{os.getpid()}"
    admin = f"{POSTGRES}/postgres"
    subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)
    try:
        with tempfile.TemporaryDirectory(prefix="gehoord-bench-load-") as tmp:
            env = {
                **os.environ,
                "DATABASE_URL": f"{POSTGRES}/{name}",
                "GEHOORD_DATA_DIR": tmp,
                "DJANGO_SETTINGS_MODULE": "gehoord.settings",
            }
            env.pop("REDIS_URL", None)
            gehoord(env, "migrate", "--no-input")
            seeded = subprocess.run(
                [sys.executable, str(HERE / "respondent_flow_seed.py"), str(LINKS)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
            first, second = seeded.split("\n", 1)
            links, pages = first.split(), json.loads(second)
            run(env, links, pages, Path(tmp))
    finally:
        subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{name}"'])


def run(env: dict, links: list[str], pages: list[dict], tmp: Path) -> None:
    port = free_port()
    server = start_server(env, "gehoord.wsgi", port)
    lock = threading.Lock()
    completed: list[int] = []  # requests of each confirmed survey
    errors: list[str] = []
    deadline = time.monotonic() + SECONDS

    def resident() -> None:
        while time.monotonic() < deadline:
            with lock:
                if not links:
                    return
                link = links.pop()
            try:
                requests = answer(f"http://127.0.0.1:{port}", link, pages)
            except Exception as error:  # an HTTP error status or a broken connection
                with lock:
                    errors.append(type(error).__name__ + ": " + str(error)[:80])
            else:
                with lock:
                    completed.append(requests)

    threads = [threading.Thread(target=resident) for _ in range(CONCURRENCY)]
    started = time.perf_counter()
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        seconds = time.perf_counter() - started
        server.terminate()
        server.wait()
    stored = int(gehoord(env, "shell", "--no-imports", "-c", COUNT_RESPONSES).strip().split()[-1])
    lost = len(completed) - stored
    rps = sum(completed) / seconds
    print(f"\nLoad test: {seconds:.0f} s, {CONCURRENCY} residents at a time, PostgreSQL, gunicorn")
    print(f"  surveys completed: {len(completed)}  ({len(completed) / seconds:.1f} per second)")
    print(f"  requests per second: {rps:.1f}")
    print(f"  errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    print(f"  lost responses: {lost} (confirmed but not stored once)")
    record(
        f"load test {SECONDS} s, {CONCURRENCY} at a time: requests",
        rps,
        "req/s",
        goal="no errors",
        passed=not errors,
    )
    record(
        f"load test {SECONDS} s: lost of {len(completed)} confirmed",
        lost,
        "",
        goal="0",
        passed=lost == 0,
    )


if __name__ == "__main__":
    main()
