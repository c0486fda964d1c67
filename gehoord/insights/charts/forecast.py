"""A demand forecast: the history as a line, the forecast as a dashed line over its 80 %
and 95 % prediction intervals (two bands, the narrower one darker)."""

import altair as alt
from django.utils.translation import gettext

from .common import BLUE, GREY, LIGHT_BLUE, Spec, configured

# How much history the chart shows before the forecast, in periods.
HISTORY_SHOWN = {"month": 24, "week": 52}


def forecast_chart(
    result: dict, granularity: str, width: int | str = "container", height: int = 280
) -> Spec:
    history = result.get("history", [])[-HISTORY_SHOWN.get(granularity, 24) :]
    forecast = result.get("forecast") or []
    values = [
        {"period": row["period"], "value": row["value"], "kind": "history"} for row in history
    ]
    values += [{**row, "kind": "forecast"} for row in forecast]
    month = granularity == "month"
    x = alt.X(
        "period:T",
        title=None,
        axis=alt.Axis(format="%b %Y" if month else "%e %b %Y", labelAngle=0, labelOverlap="greedy"),
    )
    title = gettext("Requests per month") if month else gettext("Requests per week")
    y = alt.Y("value:Q", title=title, axis=alt.Axis(format=",.0f"))
    base = alt.Chart(alt.Data(values=values))
    is_forecast = "datum.kind == 'forecast'"
    band95 = (
        base.transform_filter(is_forecast)
        .mark_area(color=LIGHT_BLUE, opacity=0.35)
        .encode(x=x, y=alt.Y("low95:Q", title=title), y2="high95:Q")
    )
    band80 = (
        base.transform_filter(is_forecast)
        .mark_area(color=LIGHT_BLUE, opacity=0.75)
        .encode(x=x, y=alt.Y("low80:Q", title=title), y2="high80:Q")
    )
    actual = (
        base.transform_filter("datum.kind == 'history'")
        .mark_line(color=GREY, strokeWidth=2)
        .encode(x=x, y=y)
    )
    expected = (
        base.transform_filter(is_forecast)
        .mark_line(color=BLUE, strokeWidth=2.5, strokeDash=[6, 3])
        .encode(x=x, y=alt.Y("mean:Q", title=title))
    )
    tooltip = [
        alt.Tooltip("period:T", format="%B %Y" if month else "%e %B %Y", title=gettext("Period")),
        alt.Tooltip("mean:Q", format=",.0f", title=gettext("Forecast")),
        alt.Tooltip("low80:Q", format=",.0f", title=gettext("80% from")),
        alt.Tooltip("high80:Q", format=",.0f", title=gettext("80% to")),
    ]
    points = (
        base.transform_filter(is_forecast)
        .mark_point(color=BLUE, filled=True, size=30)
        .encode(x=x, y=alt.Y("mean:Q", title=title), tooltip=tooltip)
    )
    chart = alt.layer(band95, band80, actual, expected, points).properties(height=height)
    description = gettext(
        "%(title)s: history and forecast with 80%% and 95%% prediction intervals"
    ) % {"title": title}
    return configured(chart, description, width)
