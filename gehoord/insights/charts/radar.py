"""The maturity scan's radar: the level per pillar (1–5) on one spoke each.

Vega-Lite has no polar grid, so the spokes, the rings and the polygons are drawn as lines in
plain x/y data coordinates computed here; the spec carries numbers, never formatted text, so
no locale can turn a coordinate into "180,0". The table beside the chart holds the figures."""

import math

import altair as alt
from django.utils.translation import gettext

from .common import BLUE, GREY, LIGHT_GREY, ORANGE, Spec, configured

LEVELS = 5
SIZE = 320  # a square chart that fits a 360 px phone
LABEL_RADIUS = 1.14


def _xy(index: int, count: int, radius: float) -> tuple[float, float]:
    angle = math.pi / 2 - 2 * math.pi * index / count  # the first spoke points up
    return round(radius * math.cos(angle), 4), round(radius * math.sin(angle), 4)


def _ring(
    levels: list[float | None], series: str, count: int, order_from: int = 0
) -> list[dict[str, object]]:
    """A closed polygon through the spokes (an unknown level counts as 0)."""
    points = []
    for i in [*range(count), 0]:
        x, y = _xy(i, count, (levels[i] or 0) / LEVELS)
        points.append({"series": series, "order": order_from + len(points), "x": x, "y": y})
    return points


def maturity_radar(
    names: list[str],
    current: list[float | None],
    target: list[float | None] | None = None,
    earlier: list[float | None] | None = None,
    width: int = SIZE,
) -> Spec:
    """The spec for pillar `names` with this scan's levels and optionally targets and the
    levels of the scan before (each list in the order of `names`)."""
    count = len(names)
    scale = alt.Scale(domain=[-1.5, 1.5], nice=False)
    x = alt.X("x:Q", scale=scale, axis=None)
    y = alt.Y("y:Q", scale=scale, axis=None)
    grid = [p for level in range(1, LEVELS + 1) for p in _ring([level] * count, str(level), count)]
    rings = (
        alt.Chart(alt.Data(values=grid))
        .mark_line(color=LIGHT_GREY, strokeWidth=1)
        .encode(x=x, y=y, detail="series:N", order="order:Q")
    )
    spokes_data = []
    for i in range(count):
        end_x, end_y = _xy(i, count, 1)
        spokes_data.append({"x": 0, "y": 0, "x2": end_x, "y2": end_y})
    spokes = (
        alt.Chart(alt.Data(values=spokes_data))
        .mark_rule(color=LIGHT_GREY)
        .encode(x=x, y=y, x2="x2:Q", y2="y2:Q")
    )
    label_rows = []
    for i, name in enumerate(names):
        lx, ly = _xy(i, count, LABEL_RADIUS)
        align = "center" if abs(lx) < 0.05 else ("left" if lx > 0 else "right")
        label_rows.append({"x": lx, "y": ly, "name": name, "align": align})
    labels = [
        alt.Chart(alt.Data(values=label_rows))
        .transform_filter(alt.datum.align == align)
        .mark_text(align=align, baseline="middle", limit=110, fontSize=12)
        .encode(x=x, y=y, text="name:N")
        for align in ("left", "center", "right")
    ]
    series_layers = []
    shown = [
        (earlier, gettext("The scan before"), GREY, [4, 3]),
        (target, gettext("Target"), ORANGE, [8, 4]),
        (current, gettext("This scan"), BLUE, []),
    ]
    for levels, title, colour, dash in shown:
        if not levels or not any(levels):
            continue
        series_layers.append(
            alt.Chart(alt.Data(values=_ring(levels, title, count)))
            .mark_line(color=colour, strokeWidth=3 if not dash else 2, strokeDash=dash)
            .encode(x=x, y=y, order="order:Q")
        )
    chart = alt.layer(rings, spokes, *labels, *series_layers).properties(height=width)
    description = gettext(
        "Radar chart of the level per pillar; the table below holds the same figures."
    )
    return configured(chart, description, width)
