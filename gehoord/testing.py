"""Test-suite support that is not a fixture: the frozen moment and the order of tests.

Kept out of conftest.py so that it can be imported (and tested) like any module.
"""

import sys
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from gehoord import config

# A month end at midday in Amsterdam. CI also runs the suite at a DST change and on 1 January
# (see .ci/run), so the code must be right on any day, not only on this one.
DEFAULT_TEST_NOW = "2026-11-30T12:00:00+01:00"
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def parse_test_now(text: str | None) -> datetime:
    """The moment the suite runs at: ISO 8601; without an offset it is Amsterdam time."""
    try:
        moment = datetime.fromisoformat(text or DEFAULT_TEST_NOW)
    except ValueError as error:
        raise ValueError(f"GEHOORD_TEST_NOW is not an ISO 8601 moment: {text!r}") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=AMSTERDAM)


TEST_NOW = parse_test_now(config.read("GEHOORD_TEST_NOW"))
# The prebuilt demo world is generated as of an hour before the tests run.
WORLD_BUILT_AT = TEST_NOW - timedelta(hours=1)

# Order groups. pytest-django runs database tests in transactions first, then transactional
# ones (live server), which empty the database when they end. The prebuilt demo world is
# committed once, lazily, by the first test that asks for it, so its tests come after every
# other database test (which then never see it) and before the tests without a database.
PLAIN_DB, TRANSACTIONAL, WORLD_DB, WORLD_TRANSACTIONAL, NO_DB = range(5)
WORLD_FIXTURE = "demo_world"


def order_group(item) -> int:
    fixtures = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    transactional = bool(
        marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences"))
    )
    transactional = transactional or "transactional_db" in fixtures or "live_server" in fixtures
    uses_db = transactional or bool(marker) or "db" in fixtures
    world = WORLD_FIXTURE in fixtures
    if not uses_db:
        return NO_DB
    if world:
        return WORLD_TRANSACTIONAL if transactional else WORLD_DB
    return TRANSACTIONAL if transactional else PLAIN_DB


def order_for_shared_world(items: list) -> None:
    """Sort in place (stable, so pytest-django's and the files' order stay within a group)."""
    items.sort(key=order_group)


# Run in a child Python: start its clock at the moment given in argv[1] (ticking on), then
# hand the rest of argv to the `gehoord` command.
_AT_MOMENT = (
    "import sys, time_machine; from datetime import datetime; "
    "time_machine.travel(datetime.fromisoformat(sys.argv[1]), tick=True).start(); "
    "from gehoord.cli import main; sys.argv = ['gehoord', *sys.argv[2:]]; main()"
)


def gehoord_command(*args: str) -> list[str]:
    """The argv of `gehoord <args>` in a new process whose clock starts where this process's
    clock is now: a worker or dispatcher started by a test lives in the test's frozen time,
    not on the real date."""
    return [sys.executable, "-c", _AT_MOMENT, datetime.now(UTC).isoformat(), *args]
