"""Statutory handling periods and working-day arithmetic.

Awb defaults (configurable per organisation in `FeedbackSettings`):
- complaint (klacht, Awb 9:11): 6 weeks after receipt, extension by 4 weeks;
- objection (bezwaar, Awb 7:10): 6 weeks, 12 weeks when an advisory committee hears it,
  extension by 6 weeks.
A term that ends on a Saturday, Sunday or public holiday runs to the next working day
(Algemene termijnenwet). Follow-ups count working days, public holidays excluded.
"""

from datetime import date, timedelta
from functools import cache

import holidays

from .models import FeedbackSettings, SignalKind


@cache
def _holidays(year: int) -> frozenset[date]:
    days = set(holidays.NL(years=year))
    # holidays.NL lists Liberation Day only in lustrum years; the Algemene termijnenwet
    # treats 5 May as a holiday every year.
    days.add(date(year, 5, 5))
    return frozenset(days)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def next_working_day(day: date) -> date:
    """`day` itself if it is a working day, else the first working day after it."""
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (the start day itself is not counted)."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative if end is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(
        1 for n in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=n))
    )


def term_weeks(
    kind: str,
    settings: FeedbackSettings,
    *,
    advisory_committee: bool = False,
    extended: bool = False,
) -> int | None:
    """Weeks to decide on a signal of `kind`, or None when no statutory term applies."""
    if kind == SignalKind.COMPLAINT:
        return settings.complaint_weeks + (settings.complaint_extension_weeks if extended else 0)
    if kind == SignalKind.OBJECTION:
        weeks = (
            settings.objection_committee_weeks if advisory_committee else settings.objection_weeks
        )
        return weeks + (settings.objection_extension_weeks if extended else 0)
    return None


def due_date(
    kind: str,
    received_on: date,
    settings: FeedbackSettings,
    *,
    advisory_committee: bool = False,
    extended: bool = False,
) -> date | None:
    weeks = term_weeks(kind, settings, advisory_committee=advisory_committee, extended=extended)
    if weeks is None:
        return None
    return next_working_day(received_on + timedelta(weeks=weeks))


def follow_up_due(created_on: date, settings: FeedbackSettings) -> date:
    return add_working_days(created_on, settings.follow_up_working_days)
