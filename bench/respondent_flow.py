"""Respondent flow throughput: requests per second through the pages of a real
questionnaire under gunicorn, beside a bare Django endpoint doing one INSERT under the same
server settings and database — on SQLite and on PostgreSQL, one after the other in one run.

    make bench                    # 200 residents per database, 4 at a time, 2 web workers
    BENCH_FLOW_RESIDENTS=1000 make bench

Each resident opens a personal link and answers the three pages of the demo's
questionnaire as a browser would: GET the page, POST it with the CSRF token from its cookie,
follow the redirect. At the end every submitted survey must be in the database once
("lost" counts those that are not). Prints figures; asserts nothing.
"""

import http.cookiejar
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

from summary import record

from gehoord.config import read

RESIDENTS = read("BENCH_FLOW_RESIDENTS")
CONCURRENCY = read("BENCH_FLOW_CONCURRENCY")
WORKERS = str(read("BENCH_FLOW_WEB_WORKERS"))
# The server the PostgreSQL database of the run is made on (its name is the script's own).
POSTGRES = read("BENCH_DATABASE_URL").rsplit("/", 1)[0]
BARE_REQUESTS = RESIDENTS * 4
HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gehoord(env: dict, *args: str) -> str:
    return subprocess.run(
        [str(BIN / "gehoord"), *args], env=env, check=True, capture_output=True, text=True
    ).stdout


def start_server(env: dict, app: str, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "--config",
            "python:gehoord.gunicorn_config",
            "--workers",
            WORKERS,
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            "/dev/null",
            "--pythonpath",
            str(HERE),
            app,
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/gezondheid/", timeout=1)
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit(f"{app} did not start on port {port}")


def answer(base: str, link: str, pages: list[dict]) -> int:
    """One resident through every page; returns the number of HTTP requests made."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = base + link
    html = opener.open(url, timeout=30).read().decode()
    requests = 1
    for number, answers in enumerate(pages, start=1):
        csrf = next(c.value for c in jar if c.name == "csrftoken")
        version = re.search(r'name="version" value="(\d+)"', html).group(1)
        body = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": csrf,
                "version": version,
                "page": number,
                "action": "next",
                **answers,
            },
            doseq=True,
        ).encode()
        # The POST redirects to the next page (or the thank-you page), which is followed.
        html = opener.open(url, data=body, timeout=30).read().decode()
        requests += 2
    return requests


def run_threads(work: list, job) -> float:
    """Run `job(item)` for every item, CONCURRENCY at a time; returns the seconds taken."""
    lock = threading.Lock()
    queue = list(work)

    def worker() -> None:
        while True:
            with lock:
                if not queue:
                    return
                item = queue.pop()
            job(item)

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


def measure(name: str, database_url: str, workdir: Path) -> dict:
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "GEHOORD_DATA_DIR": str(workdir),
        "DJANGO_SETTINGS_MODULE": "gehoord.settings",
    }
    env.pop("REDIS_URL", None)
    gehoord(env, "migrate", "--no-input")
    seeded = subprocess.run(
        [sys.executable, str(HERE / "respondent_flow_seed.py"), str(RESIDENTS)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    first, second = seeded.split("\n", 1)
    links, pages = first.split(), json.loads(second)

    port = free_port()
    server = start_server(env, "gehoord.wsgi", port)
    counted = []
    try:
        flow_seconds = run_threads(
            links, lambda link: counted.append(answer(f"http://127.0.0.1:{port}", link, pages))
        )
    finally:
        server.terminate()
        server.wait()
    stored = int(gehoord(env, "shell", "--no-imports", "-c", COUNT_RESPONSES).strip().split()[-1])

    port = free_port()
    server = start_server(env, "respondent_flow_bare:application", port)
    url = f"http://127.0.0.1:{port}/bench-insert/"
    try:
        bare_seconds = run_threads(
            range(BARE_REQUESTS),
            lambda _: urllib.request.urlopen(url, data=b"", timeout=30).read(),
        )
    finally:
        server.terminate()
        server.wait()
    flow_rps = sum(counted) / flow_seconds
    bare_rps = BARE_REQUESTS / bare_seconds
    return {
        "name": name,
        "flow_rps": flow_rps,
        "bare_rps": bare_rps,
        "ratio": flow_rps / bare_rps,
        "submitted": len(counted),
        "lost": len(counted) - stored,
    }


COUNT_RESPONSES = "from gehoord.surveys.models import Response; print(Response.objects.count())"


def main() -> None:
    results = []
    with tempfile.TemporaryDirectory(prefix="gehoord-bench-flow-") as tmp:
        sqlite_dir = Path(tmp) / "sqlite"
        sqlite_dir.mkdir()
        results.append(measure("SQLite", f"sqlite:///{sqlite_dir}/gehoord.sqlite3", sqlite_dir))
        name = f"gehoord_bench_flow_{os.getpid()}"
        admin = f"{POSTGRES}/postgres"
        subprocess.run(["psql", admin, "-qc", f'CREATE DATABASE "{name}"'], check=True)
        try:
            pg_dir = Path(tmp) / "postgres"
            pg_dir.mkdir()
            results.append(measure("PostgreSQL", f"{POSTGRES}/{name}", pg_dir))
        finally:
            subprocess.run(["psql", admin, "-qc", f'DROP DATABASE IF EXISTS "{name}"'])
    print(
        f"\nRespondent flow ({RESIDENTS} residents, 3 pages, {CONCURRENCY} at a time, "
        f"gunicorn with {WORKERS} workers)"
    )
    print(f"{'database':<12}{'flow req/s':>12}{'bare INSERT req/s':>20}{'ratio':>8}{'lost':>6}")
    for r in results:
        print(
            f"{r['name']:<12}{r['flow_rps']:>12.1f}{r['bare_rps']:>20.1f}"
            f"{r['ratio']:>8.2f}{r['lost']:>6}   (goal: ratio ≥ 0.50, 0 lost)"
        )
        record(
            f"respondent flow, {r['name']} (bare INSERT endpoint as baseline)",
            r["flow_rps"],
            "req/s",
            baseline=r["bare_rps"],
            goal="ratio ≥ 0.50",
            passed=r["ratio"] >= 0.5,
        )
        record(
            f"respondent flow, {r['name']}: lost of {r['submitted']} submitted",
            r["lost"],
            "",
            goal="0",
            passed=r["lost"] == 0,
        )


if __name__ == "__main__":
    main()
