"""The suite's own clock and order (gehoord/testing.py, gehoord/conftest.py)."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from gehoord.testing import (
    AMSTERDAM,
    NO_DB,
    PLAIN_DB,
    TEST_NOW,
    TRANSACTIONAL,
    WORLD_DB,
    WORLD_TRANSACTIONAL,
    order_group,
    parse_test_now,
)


def test_every_test_starts_at_the_frozen_moment():
    assert abs(timezone.now() - TEST_NOW) < timedelta(minutes=1)


def test_a_test_can_move_the_clock(clock):
    clock.move_to(datetime(2030, 6, 1, 12, tzinfo=AMSTERDAM))
    assert timezone.localdate() == datetime(2030, 6, 1).date()


def test_the_moment_is_read_in_amsterdam_without_an_offset():
    assert parse_test_now("2027-03-28T14:00") == datetime(2027, 3, 28, 14, tzinfo=AMSTERDAM)
    assert parse_test_now("2027-01-01T09:00:00+00:00").utcoffset() == timedelta(0)
    with pytest.raises(ValueError, match="GEHOORD_TEST_NOW"):
        parse_test_now("morgen")


class FakeItem:
    def __init__(self, fixtures, marker_kwargs=None):
        self.fixturenames = fixtures
        self.marker = None if marker_kwargs is None else pytest.mark.django_db(**marker_kwargs)

    def get_closest_marker(self, name):
        return self.marker.mark if self.marker and name == "django_db" else None


def test_tests_of_the_shared_world_run_after_all_other_database_tests():
    assert order_group(FakeItem(["db"])) == PLAIN_DB
    assert order_group(FakeItem([], {})) == PLAIN_DB
    assert order_group(FakeItem(["live_server"])) == TRANSACTIONAL
    assert order_group(FakeItem([], {"transaction": True})) == TRANSACTIONAL
    assert order_group(FakeItem(["demo_world", "db"])) == WORLD_DB
    assert order_group(FakeItem(["demo_world", "db", "live_server"])) == WORLD_TRANSACTIONAL
    assert order_group(FakeItem(["tmp_path"])) == NO_DB
    assert PLAIN_DB < TRANSACTIONAL < WORLD_DB < WORLD_TRANSACTIONAL
