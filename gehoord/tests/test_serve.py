"""`gehoord serve` stops its web server and worker when it is told to stop."""

import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from gehoord.conftest import free_port

pytestmark = pytest.mark.real_clock  # the processes under test run at the real time
COMMAND = [sys.executable, "-m", "gehoord.cli"]


def descendants(pid: int) -> set[int]:
    """The living processes below `pid` (children, grandchildren …), read from /proc."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended while we looked
        if fields[0] != "Z":
            parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - a local test server
            return True
    except urllib.error.HTTPError:
        return True  # any HTTP answer will do
    except OSError:
        return False


@pytest.fixture(scope="module")
def data_dir_env(tmp_path_factory) -> dict[str, str]:
    """An embedded installation of its own (SQLite database and queue), migrated once."""
    unwanted = ("DATABASE_URL", "REDIS_URL", "HUEY_NAME", "HUEY_SQLITE_PATH", "GEHOORD_ENV")
    env = {k: v for k, v in os.environ.items() if k not in unwanted}
    env["GEHOORD_DATA_DIR"] = str(tmp_path_factory.mktemp("serve"))
    subprocess.run([*COMMAND, "migrate", "-v0"], env=env, check=True, timeout=120)
    return env


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT])
def test_a_stopped_serve_stops_the_web_server_and_the_worker(data_dir_env, stop):
    port = free_port()
    serve = subprocess.Popen(
        [*COMMAND, "serve", "--bind", f"127.0.0.1:{port}", "--web-workers", "1"],
        env=data_dir_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    children: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while not answers(f"http://127.0.0.1:{port}/gezondheid/"):
            assert serve.poll() is None, "serve stopped before it answered"
            assert time.monotonic() < deadline, "serve did not answer within 60 s"
            time.sleep(0.3)
        children = descendants(serve.pid)
        assert len(children) >= 3  # gunicorn, its web worker, the Huey worker

        serve.send_signal(stop)
        serve.wait(timeout=20)
        deadline = time.monotonic() + 5  # what serve left (it should leave nothing) may end late
        while any(alive(pid) for pid in children) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not [pid for pid in children if alive(pid)], "children outlived serve"
    finally:
        # Children that outlived serve belong to init now: kill them by their own ids.
        for pid in {serve.pid, *children, *descendants(serve.pid)}:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
        serve.wait()


class Browser:
    """A visitor with a cookie jar, so forms can be posted with their CSRF token."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def post_form(self, path: str, fields: dict[str, str]) -> tuple[int, str]:
        page = self.opener.open(self.base + path, timeout=10).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(
            self.base + path, data=data, headers={"Referer": self.base}
        )
        try:
            with self.opener.open(request, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


def test_limits_are_shared_by_the_web_workers(data_dir_env):
    """With two gunicorn workers a visitor gets the allowance once, not once per worker.

    Rate limits count in the database cache and failed log-ins in django-axes' table; were
    either kept in process memory, the limit would only be reached if every request
    happened to reach the same worker.
    """
    port = free_port()
    serve = subprocess.Popen(
        [*COMMAND, "serve", "--bind", f"127.0.0.1:{port}", "--web-workers", "2"],
        env=data_dir_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while not answers(f"http://127.0.0.1:{port}/gezondheid/"):
            assert serve.poll() is None, "serve stopped before it answered"
            assert time.monotonic() < deadline, "serve did not answer within 60 s"
            time.sleep(0.3)
        visitor = Browser(f"http://127.0.0.1:{port}")

        codes = [visitor.post_form("/code/", {"code": "ABCD-EFGH"}) for _ in range(31)]
        assert all(status == 400 and "kennen deze code niet" in page for status, page in codes[:30])
        assert "U heeft het te vaak geprobeerd" in codes[30][1]

        log_ins = [
            visitor.post_form("/inloggen/", {"username": "niemand@example.org", "password": "x"})
            for _ in range(6)
        ]
        assert [status for status, _ in log_ins] == [200, 200, 200, 200, 429, 429]
    finally:
        serve.send_signal(signal.SIGTERM)
        try:
            serve.wait(timeout=20)
        except subprocess.TimeoutExpired:
            serve.kill()
            serve.wait()
