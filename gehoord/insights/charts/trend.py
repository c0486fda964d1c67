"""A headline's monthly trend: the value as a line over its 95% interval as a band.

The y axis is fitted to the values and intervals (a grade moving between 7,2 and 7,6 is not
flattened onto 1–10); the x axis shows months with their year ("jan 2026"); a suppressed
month has no value, so the line and the band break there instead of bridging it."""

from datetime import date
from typing import Any

import altair as alt
from django.utils.translation import gettext

from .common import BLUE, BREAK_AT_MISSING, LIGHT_BLUE, Spec, configured, padded_domain


def rows(trend: list[tuple[date, Any]]) -> list[dict[str, Any]]:
    """One row per month: value and interval, or None for a suppressed or empty month."""
    out = []
    for month, figure in trend:
        shown = figure.shown
        out.append(
            {
                "month": month.strftime("%Y-%m-01"),
                "value": figure.value if shown else None,
                "low": figure.ci_low if shown else None,
                "high": figure.ci_high if shown else None,
                "text": figure.display,
                "n": figure.n,
            }
        )
    return out


def monthly_trend(
    trend: list[tuple[date, Any]], grade: bool, width: int | str = "container", height: int = 260
) -> Spec:
    """The spec of a (month, Figure) trend: grades on a fitted part of 1–10, shares of 0–100."""
    data = rows(trend)
    known = [v for row in data for v in (row["value"], row["low"], row["high"]) if v is not None]
    if grade:
        domain = padded_domain(known, (1, 10), step=0.5, minimum_span=1)
        title, number = gettext("Grade"), ",.1f"
    else:
        domain = padded_domain(known, (0, 100), step=5, minimum_span=10)
        title, number = gettext("Percentage"), ",.0f"
    month = alt.X(
        "month:T",
        timeUnit="utcyearmonth",
        title=None,
        axis=alt.Axis(format="%b %Y", labelAngle=0, labelOverlap="greedy", tickCount="month"),
    )
    y_scale = alt.Scale(domain=domain, zero=False, nice=False)
    tooltip = [
        alt.Tooltip("month:T", timeUnit="utcyearmonth", format="%B %Y", title=gettext("Month")),
        alt.Tooltip("text:N", title=title),
        alt.Tooltip("n:Q", title="n"),
    ]
    base = alt.Chart(alt.Data(values=data))
    band = base.mark_area(color=LIGHT_BLUE, opacity=0.45, invalid=BREAK_AT_MISSING).encode(
        x=month, y=alt.Y("low:Q", scale=y_scale), y2="high:Q"
    )
    line = base.mark_line(color=BLUE, strokeWidth=2.5, invalid=BREAK_AT_MISSING).encode(
        x=month,
        y=alt.Y("value:Q", scale=y_scale, title=title, axis=alt.Axis(format=number)),
    )
    points = (
        base.transform_filter("datum.value != null")
        .mark_point(color=BLUE, filled=True, size=45)
        .encode(x=month, y=alt.Y("value:Q", scale=y_scale), tooltip=tooltip)
    )
    chart = alt.layer(band, line, points).properties(height=height)
    description = gettext("%(title)s per month, with 95%% interval") % {"title": title}
    return configured(chart, description, width)


def sparkline(trend: list[tuple[date, Any]], width: int = 120, height: int = 32) -> Spec:
    """A small line without axes for a key-figure card; suppressed months are gaps."""
    data = rows(trend)
    known = [row["value"] for row in data if row["value"] is not None]
    line = (
        alt.Chart(alt.Data(values=data))
        .mark_line(color=BLUE, strokeWidth=2, invalid=BREAK_AT_MISSING, aria=False)
        .encode(
            x=alt.X("month:T", timeUnit="utcyearmonth", axis=None),
            y=alt.Y(
                "value:Q",
                axis=None,
                scale=alt.Scale(domain=padded_domain(known, (0, 100), 0.1, 0.2), zero=False),
            ),
        )
        .properties(height=height)
    )
    return configured(line, gettext("Trend over the last 12 months"), width)
