"""Whole local days as timestamps, around the change to winter time."""

from datetime import date, timedelta

from django.utils import timezone

from gehoord.insights import periods


def test_day_bounds_cover_whole_amsterdam_days_including_a_25_hour_one():
    # Clocks go back in the night of 25 October 2026.
    start, end = periods.day_bounds(date(2026, 10, 25), date(2026, 10, 25))
    assert timezone.localtime(start).hour == 0 and timezone.localtime(end).hour == 0
    assert end.timestamp() - start.timestamp() == timedelta(hours=25).total_seconds()
    assert periods.month(2026, 10).bounds == periods.day_bounds(
        date(2026, 10, 1), date(2026, 10, 31)
    )
