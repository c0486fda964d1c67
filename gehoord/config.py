"""Every environment variable gehoord reads, declared once: name, type, default and meaning.

`settings.py`, the browser tests and the `make bench` scripts read their variables through
`read()`; the README's configuration table is generated from this list (`gehoord envvars
--markdown`), and `gehoord/tests/test_config.py` fails when code reads a variable that is not
declared here or when the README's table differs from the generated one.

This module imports nothing from Django, so `settings.py` can use it.
"""

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import environ

# The parts of the table: what the application reads, what only the test suite and CI
# read, and what only the `make bench` scripts read.
APPLICATION, TESTS, BENCH = "application", "tests", "bench"
PARTS = {
    APPLICATION: "application",
    TESTS: "for tests and CI",
    BENCH: "for `make bench`",
}

# Types, named as the README shows them; each maps to a django-environ parser below.
TEXT, BOOL, INT, LIST, PATH = "text", "true/false", "integer", "comma-separated list", "path"
DATABASE_URL, EMAIL_URL, URL = "database URL", "e-mail URL", "URL"
DATETIME = "ISO 8601 date-time"

_PARSERS = {
    TEXT: "str",
    URL: "str",
    DATETIME: "str",
    PATH: "str",
    BOOL: "bool",
    INT: "int",
    LIST: "list",
    DATABASE_URL: "db_url",
    EMAIL_URL: "email_url",
}

_REPOSITORY = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Variable:
    name: str
    type: str
    # The value when the variable is not set: a plain value, or a function for a default
    # derived from another variable or from the machine. None means "empty".
    default: object | Callable[[], object]
    meaning: str
    part: str = APPLICATION
    # How the README shows the default; needed when `default` is a function.
    shown_default: str | None = None
    # With GEHOORD_ENV=production the variable has no default and must be set.
    required_in_production: bool = False

    def shown(self) -> str:
        if self.required_in_production:
            return f"{self._shown()}; required in production"
        return self._shown()

    def _shown(self) -> str:
        if self.shown_default is not None:
            return self.shown_default
        if callable(self.default):
            raise ValueError(f"{self.name}: a computed default needs shown_default")
        if self.default is None or self.default in ("", []):
            return "empty"
        if isinstance(self.default, bool):
            return f"`{str(self.default).lower()}`"
        if isinstance(self.default, list | tuple):
            return f"`{','.join(self.default)}`"
        return f"`{self.default}`"


def _in_data_dir(name: str, scheme: str = "") -> Callable[[], str]:
    return lambda: f"{scheme}{read('GEHOORD_DATA_DIR') / name}"


VARIABLES: tuple[Variable, ...] = (
    # The application.
    Variable(
        "GEHOORD_ENV",
        TEXT,
        "development",
        "`production` turns off the development defaults: requires `SECRET_KEY` and "
        "`ALLOWED_HOSTS`, sets secure cookies, HSTS and the HTTPS redirect, and serves "
        "collected, compressed static files (`gehoord check --deploy` passes); it refuses "
        "to start with `DEBUG`, an `EMAIL_URL` that sends nothing or `SMS_BACKEND=log`",
    ),
    Variable(
        "SECRET_KEY",
        TEXT,
        "dev-only-insecure-key-never-use-in-production-0123456",
        "signs sessions, password-reset links and the signed links and time stamps of "
        "the public forms; changing it invalidates links already sent",
        shown_default="a development-only key",
        required_in_production=True,
    ),
    Variable(
        "GEHOORD_SECRETS_KEY",
        LIST,
        [],
        "keys that encrypt the secrets of connections in the database (Fernet keys, make "
        "one with `gehoord secretskey`); the first encrypts, all decrypt, so a new key can be "
        "put in front of the old one and `gehoord reencrypt` run. Without it (only outside "
        "production) a key is derived from `SECRET_KEY`",
        shown_default="derived from `SECRET_KEY`",
        required_in_production=True,
    ),
    Variable(
        "ALLOWED_HOSTS",
        LIST,
        ["127.0.0.1", "localhost", "[::1]", "testserver"],
        "host names gehoord answers to",
        required_in_production=True,
    ),
    Variable(
        "CSRF_TRUSTED_ORIGINS",
        LIST,
        [],
        "origins allowed to post forms, e.g. `https://gehoord.example.nl` behind a proxy",
    ),
    Variable("DEBUG", BOOL, False, "Django's debug pages (refused in production)"),
    Variable(
        "GEHOORD_TRUSTED_PROXY_HEADER",
        TEXT,
        "",
        "the header in which the reverse proxy in front of gehoord passes the client's "
        "address, e.g. `X-Forwarded-For`; empty (the default) means no proxy is trusted and "
        "the address of the connection counts. Set it only when every request comes through "
        "that proxy, or anyone can pretend to be someone else",
    ),
    Variable(
        "GEHOORD_TRUSTED_PROXY_COUNT",
        INT,
        1,
        "how many trusted proxies in a row add themselves to that header; the client address "
        "is the one the outermost of them added",
    ),
    Variable(
        "GEHOORD_OPEN_LINK_RATE",
        TEXT,
        "10/h",
        "how many surveys one address may start through one questionnaire's open link, as "
        "`count/period` (`s`, `m`, `h`, `d`); a shared desk computer counts as one address",
    ),
    Variable(
        "GEHOORD_SESSION_IDLE_MINUTES",
        INT,
        30,
        "a staff member who does nothing for this many minutes is logged out",
    ),
    Variable(
        "GEHOORD_LOGIN_FAILURE_LIMIT",
        INT,
        5,
        "wrong passwords in a row after which log-in is refused for that account and for that "
        "address, until the cool-off has passed",
    ),
    Variable(
        "GEHOORD_LOGIN_COOLOFF_MINUTES",
        INT,
        15,
        "minutes log-in stays refused after too many wrong passwords",
    ),
    Variable(
        "GEHOORD_BASE_URL",
        URL,
        "http://127.0.0.1:8000",
        "the address residents use; for links in e-mails, letters and QR codes",
    ),
    Variable(
        "GEHOORD_DATA_DIR",
        PATH,
        str(_REPOSITORY / "var"),
        "the data folder of the embedded default (see below); created when first "
        "needed, never on import",
        shown_default="`var/` in the checkout",
    ),
    Variable(
        "DATABASE_URL",
        DATABASE_URL,
        _in_data_dir("gehoord.sqlite3", scheme="sqlite:///"),
        "the database, e.g. `postgres://user:pass@host:5432/name` in production; also "
        "the database `make test` runs on",
        shown_default="`sqlite:///$GEHOORD_DATA_DIR/gehoord.sqlite3`",
    ),
    Variable(
        "CONN_MAX_AGE", INT, 60, "seconds a PostgreSQL connection is reused (not used with SQLite)"
    ),
    Variable(
        "REDIS_URL",
        URL,
        "",
        "when set, the task queue and the cache use Redis (needed for more than one "
        "machine); when empty the queue is an SQLite file and each process caches alone",
    ),
    Variable(
        "HUEY_NAME",
        TEXT,
        "gehoord",
        "name of the task queue; processes with the same name share it",
    ),
    Variable(
        "HUEY_SQLITE_PATH",
        PATH,
        _in_data_dir("huey.sqlite3"),
        "the task queue's SQLite file when `REDIS_URL` is empty",
        shown_default="`$GEHOORD_DATA_DIR/huey.sqlite3`",
    ),
    Variable(
        "HUEY_WORKERS",
        INT,
        2,
        "threads per worker process (`gehoord worker --workers N` overrides it)",
    ),
    Variable(
        "HUEY_IMMEDIATE",
        BOOL,
        False,
        "run tasks inline in the calling process instead of a worker (only for debugging)",
    ),
    Variable(
        "EMAIL_URL",
        EMAIL_URL,
        "consolemail://",
        "how e-mail is sent, e.g. `smtp+tls://user:pass@smtp.example.nl:587`; the default "
        "writes messages to standard output (refused in production, as are `memorymail://`, "
        "`dummymail://` and `filemail://`)",
    ),
    Variable(
        "EMAIL_TIMEOUT",
        INT,
        30,
        "seconds to wait for the mail server before a message counts as not sent (and is "
        "tried again later)",
    ),
    Variable("DEFAULT_FROM_EMAIL", TEXT, "gehoord <noreply@gehoord.localhost>", "sender of e-mail"),
    Variable(
        "GEHOORD_SECURITY_CONTACT",
        LIST,
        ["mailto:security@gehoord.localhost"],
        "where to report a vulnerability (`mailto:` or `https:` addresses), published in "
        "`/.well-known/security.txt` (RFC 9116)",
        required_in_production=True,
    ),
    Variable(
        "GEHOORD_SECURITY_TXT_EXPIRES",
        DATETIME,
        "",
        "when `/.well-known/security.txt` goes stale, e.g. `2027-12-31T23:00:00Z`; renew it "
        "before then (at most a year ahead)",
        shown_default="a year after the server started",
    ),
    Variable(
        "SMS_BACKEND",
        TEXT,
        "log",
        "`http` sends text messages through `SMS_GATEWAY_URL`; `log` only writes them to the "
        "log (refused in production)",
    ),
    Variable(
        "SMS_GATEWAY_URL",
        URL,
        "",
        "the text-message gateway that receives a JSON POST per message (`SMS_BACKEND=http`)",
    ),
    Variable("SMS_GATEWAY_KEY", TEXT, "", "bearer token for `SMS_GATEWAY_URL`"),
    Variable(
        "STATIC_ROOT",
        PATH,
        _in_data_dir("static"),
        "where `gehoord collectstatic` writes the static files served in production",
        shown_default="`$GEHOORD_DATA_DIR/static`",
    ),
    Variable("SECURE_SSL_REDIRECT", BOOL, True, "production only: redirect plain HTTP to HTTPS"),
    Variable(
        "SECURE_HSTS_SECONDS",
        INT,
        31536000,
        "production only: how long browsers remember to use HTTPS only (HSTS)",
        shown_default="`31536000` (one year)",
    ),
    Variable(
        "SECURE_HSTS_PRELOAD",
        BOOL,
        True,
        "production only: allow browsers to preload the HSTS rule",
    ),
    Variable("LOG_LEVEL", TEXT, "INFO", "level of the log, which goes to standard error"),
    Variable(
        "GEHOORD_LOG_FORMAT",
        TEXT,
        "text",
        "`json` writes the application log and gunicorn's access log as one JSON object per "
        "line (time, level, logger, message), masked like the text log; `text` (the default) "
        "as plain lines",
    ),
    Variable(
        "GEHOORD_METRICS_TOKEN",
        TEXT,
        "",
        "bearer token a Prometheus scraper sends to `/metrics`; while empty, `/metrics` does "
        "not exist (404)",
    ),
    Variable(
        "PROMETHEUS_MULTIPROC_DIR",
        TEXT,
        "",
        "the Prometheus client library's own: a folder that every gunicorn process and the "
        "worker on one machine share, emptied before they start, so `/metrics` adds up all "
        "of them; empty: each process counts alone",
    ),
    Variable("TIME_ZONE", TEXT, "Europe/Amsterdam", "time zone of days, send hours and deadlines"),
    Variable(
        "GEHOORD_ROLLING_WINDOW_MONTHS",
        INT,
        6,
        "length of the rolling window that results show by default",
    ),
    Variable(
        "DJANGO_SETTINGS_MODULE",
        TEXT,
        "gehoord.settings",
        "Django's settings module; the `gehoord` command and `gehoord.wsgi` set the default",
    ),
    # Only the test suite and CI.
    Variable(
        "GEHOORD_TEST_NOW",
        DATETIME,
        None,
        "the frozen moment every test starts at (without an offset: Amsterdam time); CI "
        "runs the suite at three moments",
        part=TESTS,
        shown_default="`2026-11-30T12:00:00+01:00` (`gehoord/testing.py`)",
    ),
    Variable(
        "GEHOORD_REQUIRE_BROWSER",
        BOOL,
        False,
        "fail instead of skipping the browser tests when Chromium is missing (`.ci/run` sets it)",
        part=TESTS,
    ),
    Variable(
        "GEHOORD_SKIP_BROWSER",
        BOOL,
        False,
        "leave the browser tests out of this run (for a quick local run; `.ci/run` always "
        "drives Chromium)",
        part=TESTS,
    ),
    Variable(
        "GEHOORD_AXE_SUMMARY",
        TEXT,
        "",
        "a file to write the summary of the axe-core checks of a passing browser-test run "
        "to (`make axe-summary`; the accessibility statement shows it)",
        part=TESTS,
    ),
    Variable(
        "CHROMIUM_PATH",
        PATH,
        lambda: shutil.which("chromium") or "/usr/bin/chromium",
        "the Chromium that the browser tests drive",
        part=TESTS,
        shown_default="`chromium` on `PATH`, else `/usr/bin/chromium`",
    ),
    Variable(
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        BOOL,
        False,
        "Django's own; the browser tests set it to `true`, because Playwright runs an event "
        "loop in the test thread",
        part=TESTS,
    ),
    # Only the `make bench` scripts (bench/).
    Variable("BENCH_N", INT, 2000, "invitations that `bench/dispatch.py` sends", part=BENCH),
    Variable(
        "BENCH_CSV_ROWS",
        INT,
        20000,
        "rows of the CSV file that `bench/csv_import.py` imports",
        part=BENCH,
    ),
    Variable(
        "BENCH_RESPONSES",
        INT,
        1000000,
        "responses that `bench/figures.py` loads (`10000000` for the 10 M case)",
        part=BENCH,
    ),
    Variable(
        "BENCH_DATABASE_URL",
        URL,
        "postgres://postgres@127.0.0.1:5432/gehoord_bench",
        "the PostgreSQL database `bench/figures.py` creates and empties",
        part=BENCH,
    ),
    Variable(
        "BENCH_REQUESTS", INT, 60, "timed requests per page in `bench/figures.py`", part=BENCH
    ),
    Variable(
        "BENCH_FLOW_RESIDENTS",
        INT,
        200,
        "residents per database that `bench/respondent_flow.py` sends through the survey",
        part=BENCH,
    ),
    Variable(
        "BENCH_FLOW_CONCURRENCY",
        INT,
        4,
        "residents answering at the same time in `bench/respondent_flow.py`",
        part=BENCH,
    ),
    Variable(
        "BENCH_FLOW_WEB_WORKERS",
        INT,
        2,
        "gunicorn workers that serve `bench/respondent_flow.py` (flow and bare endpoint)",
        part=BENCH,
    ),
    Variable(
        "BENCH_REUSE",
        BOOL,
        False,
        "time the database a previous `bench/figures.py` run left instead of loading a new one",
        part=BENCH,
    ),
)

BY_NAME = {variable.name: variable for variable in VARIABLES}
_env = environ.Env()


def read(name: str):
    """The value of a declared variable, parsed by its type; its default when not set.

    A variable required in production raises ImproperlyConfigured when
    GEHOORD_ENV=production and it is not set.
    """
    variable = BY_NAME[name]  # KeyError: declare the variable in VARIABLES first
    parse = getattr(_env, _PARSERS[variable.type])
    if variable.required_in_production and read("GEHOORD_ENV") == "production":
        return parse(name)
    default = variable.default() if callable(variable.default) else variable.default
    value = parse(name, default="" if default is None else default)
    if variable.type == PATH:
        # Set but empty counts as not set: a path of "" would mean the current folder.
        return Path(str(value or default))
    return value


def markdown_table() -> str:
    """The README's configuration table: one row per variable, grouped by part."""
    lines = ["| variable | type | default | meaning |", "|---|---|---|---|"]
    for part, title in PARTS.items():
        if part != APPLICATION:
            lines.append(f"| **{title}** | | | |")
        lines += [
            f"| `{v.name}` | {v.type} | {v.shown()} | {v.meaning} |"
            for v in VARIABLES
            if v.part == part
        ]
    return "\n".join(lines) + "\n"
