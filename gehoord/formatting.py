"""Numbers, percentages, dates and test statistics as people read them, decided in one place.

Every figure a person reads (screens, PDF reports, chart labels, the labels in exports) goes
through these functions, in the notation of the active language: Dutch "12.543,9", "35,2%",
"t = 3,83; df = 12.542,9; p < 0,001"; English "12,543.9", "35.2%". The separators come from
Django's own locale formats (`django.utils.formats.number_format`); only the rounding is
done here, because Django cuts digits off (7.98 with one decimal would read 7,9).

One percent style everywhere: the number and the sign without a space ("35,2%"), as the
Dutch style guides write it. Machine-read numbers are never localised: SVG coordinates and
attribute values go through `plain_number`, which always writes a point.

The same functions are template filters, available in every template without `{% load %}`
(the module is one of the template engine's builtins): `{{ value|number:1 }}`,
`{{ share|percent }}`, `{{ p|p_value }}`, `{{ day|long_date }}`, `{{ x|plain_number }}`.
It imports no app, so every floor may use it.
"""

from __future__ import annotations

import datetime
import math
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template
from django.utils import formats

register = template.Library()

EMPTY = "–"
# The separator between the parts of a test: a comma is the decimal sign in Dutch.
TEST_SEPARATOR = "; "


def _decimal(value: object, decimals: int) -> Decimal | None:
    """The value rounded half away from zero to `decimals` digits, or None when it is no
    finite number."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    except (InvalidOperation, ValueError, TypeError):
        return None
    if not number.is_finite():
        return None
    rounded = number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    # No "-0,0": a value that rounds to zero has no sign.
    return rounded.copy_abs() if rounded.is_zero() else rounded


def format_number(value: object, decimals: int = 0, *, grouping: bool = True) -> str:
    """A number in the active language's notation, rounded to `decimals` digits, with
    thousands separators ("12.543,9"); "–" when there is no number."""
    number = _decimal(value, decimals)
    if number is None:
        return EMPTY
    return formats.number_format(number, decimals, use_l10n=True, force_grouping=grouping)


def format_percent(value: object, decimals: int = 0) -> str:
    """A percentage given in percent points (35.2 → "35,2%")."""
    text = format_number(value, decimals)
    return text if text == EMPTY else f"{text}%"


def format_share(value: object, decimals: int = 0) -> str:
    """A share given as a fraction (0.352 → "35,2%" with one decimal)."""
    number = _decimal(value, decimals + 6)
    return format_percent(None if number is None else number * 100, decimals)


def format_date(value: datetime.date | datetime.datetime | None, style: str = "long") -> str:
    """A date in words in the active language: "long" → "3 december 2026", "short" →
    "3 dec 2026", "numeric" → "03-12-2026" (Dutch) / "12/03/2026" (English)."""
    if value is None:
        return EMPTY
    patterns = {"long": "j F Y", "short": "j b Y"}
    if style == "numeric":
        return formats.date_format(value, "SHORT_DATE_FORMAT", use_l10n=True)
    return formats.date_format(value, patterns.get(style, patterns["long"]), use_l10n=True)


def format_p(p_value: float | None) -> str:
    """ "p = 0,042", or "p < 0,001" for tiny values (printed as 0,000 they read as
    "impossible")."""
    if p_value is None or (isinstance(p_value, float) and math.isnan(p_value)):
        return "p " + EMPTY
    if p_value < 0.001:
        return f"p < {format_number(0.001, 3)}"
    return f"p = {format_number(p_value, 3)}"


def format_statistic(name: str, value: object, decimals: int = 2) -> str:
    """One statistic with its name: "t = 3,83", "z = 0,43", "df = 12.542,9"."""
    return f"{name} = {format_number(value, decimals)}"


def format_test(
    name: str, statistic: float, p_value: float, df: float | None = None, decimals: int = 2
) -> str:
    """A whole test: "t = 3,83; df = 12.542,9; p < 0,001" (df with one decimal)."""
    parts = [format_statistic(name, statistic, decimals)]
    if df is not None:
        parts.append(format_statistic("df", df, 1))
    parts.append(format_p(p_value))
    return TEST_SEPARATOR.join(parts)


def plain_number(value: object, decimals: int = 1) -> str:
    """A number for machines (SVG coordinates, attributes, data): always a point, never a
    thousands separator, whatever the language."""
    number = _decimal(value, decimals)
    return "0" if number is None else f"{number:f}"


def format_count(value: object) -> str:
    """A whole number of things with thousands separators ("12.543")."""
    return format_number(value, 0)


# --- template filters -------------------------------------------------------------------


@register.filter(name="number")
def number_filter(value: object, decimals: int = 0) -> str:
    return format_number(value, int(decimals))


@register.filter(name="percent")
def percent_filter(value: object, decimals: int = 0) -> str:
    return format_percent(value, int(decimals))


@register.filter(name="share_percent")
def share_percent_filter(value: object, decimals: int = 0) -> str:
    return format_share(value, int(decimals))


@register.filter(name="p_value")
def p_value_filter(value: float | None) -> str:
    return format_p(value)


@register.filter(name="long_date")
def long_date_filter(value: datetime.date | None, style: str = "long") -> str:
    return format_date(value, style)


@register.filter(name="plain_number")
def plain_number_filter(value: object, decimals: int = 1) -> str:
    return plain_number(value, int(decimals))
