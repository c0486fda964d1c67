"""The key-driver matrix: importance (share of R², x) × performance (% agree, y).

Both axes have values; dashed rules mark the average subject, and the corner that is
important but below average ("improve first") is shaded. Each point's label is placed
beside it where it overlaps no other label or point (right, left, above, below or on a
diagonal), judged
at the smallest width the chart is drawn at (a phone): a wider chart only moves the points
further apart. A label with no free place is left out; the table beside holds every name."""

from typing import Any

import altair as alt
from django.utils.translation import gettext

from .common import BLUE, GREY, ORANGE, Spec, configured, padded_domain

# The plot size the placement assumes: the narrowest screen (360 px minus margins and axis).
REFERENCE_WIDTH = 260
HEIGHT = 380
FONT_SIZE = 12
CHAR_WIDTH = 6.6  # an average character of the sans-serif font at FONT_SIZE
LABEL_LIMIT = 150  # longer names are cut with an ellipsis
POINT_RADIUS = 7

# (name, dx, dy, align, baseline) for each place a label may take, in order of preference.
PLACES = [
    ("right", 10, 0, "left", "middle"),
    ("left", -10, 0, "right", "middle"),
    ("above", 0, -10, "center", "bottom"),
    ("below", 0, 10, "center", "top"),
    ("above-right", 6, -7, "left", "bottom"),
    ("below-right", 6, 7, "left", "top"),
    ("above-left", -6, -7, "right", "bottom"),
    ("below-left", -6, 7, "right", "top"),
]

Box = tuple[float, float, float, float]


def _label_box(x: float, y: float, text: str, place: tuple) -> Box:
    _, dx, dy, align, baseline = place
    width = min(LABEL_LIMIT, len(text) * CHAR_WIDTH)
    height = FONT_SIZE + 2
    left = {"left": x + dx, "right": x + dx - width, "center": x - width / 2}[align]
    top = {"middle": y - height / 2, "bottom": y + dy - height, "top": y + dy}[baseline]
    return left, top, left + width, top + height


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(
    points: list[tuple[float, float, str]], width: float, height: float
) -> list[str | None]:
    """For points in pixels (x, y, label), the place of each label, or None where none is
    free. Points with the most neighbours go first, so crowded labels get the best places."""
    taken: list[Box] = [
        (x - POINT_RADIUS, y - POINT_RADIUS, x + POINT_RADIUS, y + POINT_RADIUS)
        for x, y, _ in points
    ]
    order = sorted(
        range(len(points)),
        key=lambda i: (
            -sum(abs(points[i][0] - x) < 80 and abs(points[i][1] - y) < 30 for x, y, _ in points)
        ),
    )
    places: list[str | None] = [None] * len(points)
    for i in order:
        x, y, text = points[i]
        for place in PLACES:
            box = _label_box(x, y, text, place)
            inside = box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
            own = taken[i]
            if inside and not any(_overlaps(box, b) for b in taken if b is not own):
                places[i] = place[0]
                taken.append(box)
                break
    return places


def driver_matrix(weights: list[dict[str, Any]], width: int | str = "container") -> Spec:
    """The spec of the matrix for `driver_analysis.presented` weights (with "name")."""
    shares = [w["share"] for w in weights]  # fractions, shown as percentages
    performances = [w["performance"] / 100 for w in weights]
    x_domain = [0, max(0.1, (int(max(shares, default=0) * 10) + 1) / 10)]
    y_domain = padded_domain(performances, (0, 1), step=0.1, minimum_span=0.2)
    mean_share = sum(shares) / len(shares) if shares else 0
    mean_perf = sum(performances) / len(performances) if performances else 0
    plot_width = width if isinstance(width, int) else REFERENCE_WIDTH

    def px(share: float) -> float:
        return share / x_domain[1] * plot_width

    def py(perf: float) -> float:
        return HEIGHT - (perf - y_domain[0]) / (y_domain[1] - y_domain[0]) * HEIGHT

    places = place_labels(
        [(px(s), py(p), w["name"]) for s, p, w in zip(shares, performances, weights, strict=True)],
        plot_width,
        HEIGHT,
    )
    data = [
        {
            "name": w["name"],
            "importance": round(s, 4),
            "performance": round(p, 4),
            "fix_first": w["quadrant"] == "fix_first",
            "place": place,
        }
        for s, p, w, place in zip(shares, performances, weights, places, strict=True)
    ]
    importance, performance = gettext("Importance"), gettext("Score (share who agree)")
    x = alt.X(
        "importance:Q",
        title=importance,
        scale=alt.Scale(domain=x_domain, nice=False),
        axis=alt.Axis(format=".0%"),
    )
    y = alt.Y(
        "performance:Q",
        title=performance,
        scale=alt.Scale(domain=y_domain, zero=False, nice=False),
        axis=alt.Axis(format=".0%"),
    )
    corner = alt.Chart(
        alt.Data(values=[{"x": mean_share, "x2": x_domain[1], "y": y_domain[0], "y2": mean_perf}])
    ).mark_rect(color=ORANGE, opacity=0.08)
    corner = corner.encode(
        x=alt.X("x:Q", scale=alt.Scale(domain=x_domain, nice=False)),
        x2="x2:Q",
        y=alt.Y("y:Q", scale=alt.Scale(domain=y_domain, zero=False, nice=False)),
        y2="y2:Q",
    )
    means = alt.Data(values=[{"share": mean_share, "performance": mean_perf}])
    rule = {"color": GREY, "strokeDash": [4, 3]}
    split_x = alt.Chart(means).mark_rule(**rule).encode(x=alt.X("share:Q"))
    split_y = alt.Chart(means).mark_rule(**rule).encode(y=alt.Y("performance:Q"))
    base = alt.Chart(alt.Data(values=data))
    dots = base.mark_circle(size=110, opacity=1).encode(
        x=x,
        y=y,
        color=alt.condition("datum.fix_first", alt.value(ORANGE), alt.value(BLUE)),
        tooltip=[
            alt.Tooltip("name:N", title=gettext("Subject")),
            alt.Tooltip("importance:Q", title=importance, format=".0%"),
            alt.Tooltip("performance:Q", title=performance, format=".0%"),
        ],
    )
    labels = [
        base.transform_filter(alt.datum.place == name)
        .mark_text(
            dx=dx, dy=dy, align=align, baseline=baseline, limit=LABEL_LIMIT, fontSize=FONT_SIZE
        )
        .encode(x=x, y=y, text="name:N")
        for name, dx, dy, align, baseline in PLACES
    ]
    chart = alt.layer(corner, split_x, split_y, dots, *labels).properties(height=HEIGHT)
    description = gettext(
        "Importance × score matrix. The shaded corner, bottom right, is “improve first”: "
        "important and scoring below the average subject."
    )
    return configured(chart, description, width)
