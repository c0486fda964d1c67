"""What every chart shares: the Dutch locale, colours, and rendering a spec to SVG for PDFs.

The locale below is the one gehoord/static/gehoord/js/charts.js hands vega-embed, so a chart
reads the same on screen and on paper: decimal comma, thousands with a point, Dutch months."""

import math
from typing import Any

import altair as alt
import vl_convert

Spec = dict[str, Any]

FORMAT_LOCALE: dict[str, Any] = {
    "decimal": ",",
    "thousands": ".",
    "grouping": [3],
    "currency": ["€\u00a0", ""],
}
TIME_FORMAT_LOCALE: dict[str, Any] = {
    "dateTime": "%a %e %B %Y %X",
    "date": "%d-%m-%Y",
    "time": "%H:%M:%S",
    "periods": ["AM", "PM"],
    "days": ["zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"],
    "shortDays": ["zo", "ma", "di", "wo", "do", "vr", "za"],
    "months": [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    "shortMonths": [
        "jan",
        "feb",
        "mrt",
        "apr",
        "mei",
        "jun",
        "jul",
        "aug",
        "sep",
        "okt",
        "nov",
        "dec",
    ],
}

# The house colours (gehoord.css): dark blue lines, light blue bands, orange for "act first".
BLUE = "#154273"
LIGHT_BLUE = "#9fb8d6"
ORANGE = "#b45309"
GREY = "#6b7280"
LIGHT_GREY = "#d1d5db"
TEXT = "#111827"

# Lines that break at a missing value: a suppressed month is a gap, never bridged.
BREAK_AT_MISSING = "break-paths-show-domains"


def configured(chart: alt.TopLevelMixin, description: str, width: int | str) -> Spec:
    """The chart as a Vega-Lite dict: `width` "container" fills its box on screen, a number
    of pixels gives a fixed size for print. `description` becomes the SVG's aria-label."""
    spec = chart.properties(width=width, description=description).to_dict()
    spec["autosize"] = {"type": "fit", "contains": "padding"}
    spec["config"] = {
        "font": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
        "view": {"stroke": None},
        # The marks are not read out one by one (an empty layer would be an unnamed
        # graphics-symbol): the SVG is named by `description`, the table beside holds the data.
        "mark": {"aria": False},
        "axis": {
            "aria": False,  # Vega would name each axis in English ("X-axis for a … scale")
            "labelColor": TEXT,
            "titleColor": TEXT,
            "labelFontSize": 12,
            "titleFontSize": 12,
            "gridColor": "#e5e7eb",
        },
        "text": {"color": TEXT, "fontSize": 12},
    }
    return spec


def to_svg(spec: Spec, width: int = 640) -> str:
    """The same spec drawn to an SVG string at `width` pixels (for WeasyPrint), with the
    Dutch locale; a "container" width becomes the fixed one."""
    fixed = {**spec, "width": width if spec.get("width") == "container" else spec["width"]}
    return vl_convert.vegalite_to_svg(
        fixed, format_locale=FORMAT_LOCALE, time_format_locale=TIME_FORMAT_LOCALE
    )


def padded_domain(
    values: list[float], bounds: tuple[float, float], step: float, minimum_span: float
) -> list[float]:
    """An axis fitted to `values`: rounded out to `step`, at least `minimum_span` wide and
    never beyond `bounds` (1–10 for a grade, 0–100 for a percentage)."""
    low_bound, high_bound = bounds
    if not values:
        return [low_bound, high_bound]
    low = math.floor(min(values) / step) * step
    high = math.ceil(max(values) / step) * step
    while high - low < minimum_span:
        low, high = low - step / 2, high + step / 2
    if low < low_bound:
        low, high = low_bound, min(high_bound, low_bound + max(high - low, minimum_span))
    if high > high_bound:
        high, low = high_bound, max(low_bound, high_bound - max(high - low, minimum_span))
    return [round(low, 6), round(high, 6)]
