"""Periods a figure can cover: a calendar month, a quarter, or the rolling window."""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier), clipped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def months_between(start: date, end: date) -> list[date]:
    """First days of the months from `start`'s month up to and including `end`'s."""
    months, current = [], month_start(start)
    while current <= end:
        months.append(current)
        current = add_months(current, 1)
    return months


def day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """[start, end) in the current time zone covering the local days `first` to `last`:
    what a query on a timestamp needs to select whole Dutch days."""
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(first, time.min, zone),
        datetime.combine(last + timedelta(days=1), time.min, zone),
    )


def today() -> date:
    return timezone.localdate()


def window_length() -> int:
    return settings.GEHOORD_ROLLING_WINDOW_MONTHS


def window_ending(end: date) -> tuple[date, date]:
    """The rolling window: the last N months up to and including `end`."""
    return add_months(end, -window_length()) + timedelta(days=1), end


def previous_window(end: date) -> tuple[date, date]:
    start, _ = window_ending(end)
    return window_ending(start - timedelta(days=1))


@dataclass(frozen=True)
class Period:
    """What a screen asks for; `key` round-trips through the query string."""

    kind: str  # "window", "month" or "quarter"
    start: date
    end: date

    @property
    def key(self) -> str:
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-K{(self.start.month - 1) // 3 + 1}"
        if self.kind == "year":
            return f"{self.start.year}"
        return "venster"

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{_(calendar.month_name[self.start.month])} {self.start.year}"
        if self.kind == "quarter":
            return _("Quarter %(q)s %(year)s") % {
                "q": (self.start.month - 1) // 3 + 1,
                "year": self.start.year,
            }
        if self.kind == "year":
            return f"{self.start.year}"
        months = window_length()
        return ngettext(
            "Last %(months)s month (%(start)s – %(end)s)",
            "Last %(months)s months (%(start)s – %(end)s)",
            months,
        ) % {
            "months": months,
            "start": self.start.strftime("%d-%m-%Y"),
            "end": self.end.strftime("%d-%m-%Y"),
        }

    @property
    def bounds(self) -> tuple[datetime, datetime]:
        return day_bounds(self.start, self.end)

    @property
    def months(self) -> list[date]:
        return months_between(self.start, self.end)


def rolling_window(end: date | None = None) -> Period:
    start, end = window_ending(end or today())
    return Period("window", start, end)


def month(year: int, number: int) -> Period:
    start = date(year, number, 1)
    return Period("month", start, month_end(start))


def calendar_year(year: int) -> Period:
    """A whole calendar year (the statutory survey's period); not a dashboard choice."""
    return Period("year", date(year, 1, 1), date(year, 12, 31))


def quarter(year: int, number: int) -> Period:
    start = date(year, 3 * (number - 1) + 1, 1)
    return Period("quarter", start, month_end(add_months(start, 2)))


def parse(key: str | None, end: date | None = None) -> Period:
    """A period from its `key`; anything unreadable falls back to the rolling window."""
    key = (key or "").strip()
    try:
        if len(key) == 7 and key[4:6].upper() == "-K":
            number = int(key[6])
            if 1 <= number <= 4:
                return quarter(int(key[:4]), number)
        elif len(key) == 7 and key[4] == "-":
            return month(int(key[:4]), int(key[5:]))
    except ValueError:
        pass
    return rolling_window(end)


def recent_choices(end: date | None = None, months: int = 24) -> list[Period]:
    """The rolling window, then the last quarters and months, newest first."""
    end = end or today()
    choices = [rolling_window(end)]
    first = month_start(end)
    quarters_seen = set()
    for back in range(months):
        start = add_months(first, -back)
        q = (start.year, (start.month - 1) // 3 + 1)
        if q not in quarters_seen:
            quarters_seen.add(q)
            choices.append(quarter(*q))
        choices.append(month(start.year, start.month))
    return choices
