"""Agreement per statement as diverging stacked bars: who agrees (4–5) to the right of
zero, who disagrees (1–2) to the left, the neutral middle (3) split across zero, so the
statements can be compared by how far each side reaches. Each side carries its 95%
interval as a line with end ticks. Statements whose figure is hidden are left out; the
table beside the chart lists them with the reason."""

from typing import Any

import altair as alt
from django.utils.translation import gettext

from gehoord.formatting import format_percent
from gehoord.framework.question_types import QuestionType

from ..disclosure import DIGITS, rounded
from ..figures import Figure
from .common import BLUE, LIGHT_GREY, ORANGE, TEXT, Spec, configured

# Each statement is written above its bar, across the chart's whole width (a phone has no
# room for labels beside the bars); longer ones end in an ellipsis, the table has them whole.
ROW_HEIGHT = 48
BAR_BAND = 0.38  # of the row: about 18 px of bar under 12 px of text


Statement = tuple[str, Figure, Figure]  # (label, agree, disagree)


def statements(figures: list, shared_texts: set[str] = frozenset()) -> list[Statement]:
    """The agreement questions among `figures` (QuestionFigures) as (label, agreeing,
    disagreeing figure); a text two questions share is followed by its set's name."""
    out = []
    for figure in figures:
        if figure.type != QuestionType.AGREEMENT:
            continue
        label = figure.text
        if figure.text in shared_texts:
            label = f"{figure.text} ({figure.set_label})"
        out.append((label, figure.main, figure.disagreement))
    return out


def summary(chosen: list[Statement]) -> str:
    """A sentence naming the statements most and least agreed with (two or more shown)."""
    shown = rows(chosen)
    if len(shown) < 2:
        return ""
    most, least = shown[0], shown[-1]
    return gettext(
        "Most agreed with: “%(most)s” (%(most_share)s). "
        "Least agreed with: “%(least)s” (%(least_share)s)."
    ) % {
        "most": most["statement"],
        "most_share": most["agree_text"],
        "least": least["statement"],
        "least_share": least["agree_text"],
    }


def _rounded(value: float | None) -> float:
    return rounded("share", value) or 0.0


def rows(chosen: list[Statement]) -> list[dict[str, Any]]:
    """One row per shown statement (label, agree figure, disagree figure), with the
    percentages and where each part of the bar starts and ends, most agreement first."""
    out = []
    for label, agree, disagree in chosen:
        if not (agree.shown and disagree.shown):
            continue
        # The page carries no more digits than it shows (`disclosure.DIGITS`).
        agree_value, agree_low, agree_high = (
            _rounded(v) for v in (agree.value, agree.ci_low, agree.ci_high)
        )
        disagree_value, disagree_low, disagree_high = (
            _rounded(v) for v in (disagree.value, disagree.ci_low, disagree.ci_high)
        )
        neutral = max(0.0, 100.0 - agree_value - disagree_value)
        half = neutral / 2
        out.append(
            {
                "statement": label,
                "agree": agree_value,
                "agree_text": agree.display,
                "agree_low": half + agree_low,
                "agree_high": half + agree_high,
                "disagree": disagree_value,
                "disagree_text": disagree.display,
                "disagree_low": -(half + disagree_low),
                "disagree_high": -(half + disagree_high),
                "neutral": neutral,
                "neutral_text": format_percent(neutral, DIGITS["share"]),
                "half": half,
                "n": agree.n,
            }
        )
    out.sort(key=lambda row: (-row["agree"], row["disagree"], row["statement"]))
    return out


def _parts(data: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The bar's three parts per statement, as [start, end] on the −100…100 axis."""
    names = {
        "disagree": gettext("Disagree"),
        "neutral": gettext("Neutral"),
        "agree": gettext("Agree"),
    }
    out = []
    for row in data:
        half = row["half"]
        spans = {
            "disagree": (-half - row["disagree"], -half),
            "neutral": (-half, half),
            "agree": (half, half + row["agree"]),
        }
        for part, (start, end) in spans.items():
            out.append(
                {
                    "statement": row["statement"],
                    "part": names[part],
                    "order": list(spans).index(part),
                    "start": start,
                    "end": end,
                    "text": row[f"{part}_text"],
                    "n": row["n"],
                }
            )
    return out


def agreement_bars(chosen: list[Statement], width: int | str = "container") -> Spec | None:
    """The spec of the diverging bars, or None when no statement may be shown."""
    data = rows(chosen)
    if not data:
        return None
    order = [row["statement"] for row in data]
    names = [gettext("Disagree"), gettext("Neutral"), gettext("Agree")]
    y = alt.Y("statement:N", sort=order, title=None, axis=None)
    x_scale = alt.Scale(domain=[-100, 100], nice=False)
    x_axis = alt.Axis(
        values=[-100, -50, 0, 50, 100],
        # Both sides count up from zero: "50%" left is half disagreeing.
        labelExpr="format(abs(datum.value), ',.0f') + '%'",
        title=gettext("Share of answers"),
        grid=True,
    )
    bars = (
        alt.Chart(alt.Data(values=_parts(data)))
        .mark_bar(height={"band": BAR_BAND})
        .encode(
            y=y,
            x=alt.X("start:Q", scale=x_scale, axis=x_axis),
            x2="end:Q",
            color=alt.Color(
                "part:N",
                scale=alt.Scale(domain=names, range=[ORANGE, LIGHT_GREY, BLUE]),
                sort=names,
                legend=alt.Legend(title=None, orient="top", direction="horizontal"),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("statement:N", title=gettext("Statement")),
                alt.Tooltip("part:N", title=gettext("Answer")),
                alt.Tooltip("text:N", title=gettext("Share")),
                alt.Tooltip("n:Q", title="n"),
            ],
        )
    )
    base = alt.Chart(alt.Data(values=data))
    labels = base.mark_text(
        align="left",
        baseline="bottom",
        dy=-(ROW_HEIGHT * BAR_BAND / 2 + 3),
        limit={"expr": "width"},
        fontSize=12,
    ).encode(y=y, x=alt.value(0), text="statement:N")
    layers = [bars, labels]
    for side in ("agree", "disagree"):
        low, high = f"{side}_low:Q", f"{side}_high:Q"
        layers.append(
            base.mark_rule(color=TEXT, strokeWidth=1.5).encode(
                y=y, x=alt.X(low, scale=x_scale), x2=high
            )
        )
        for end in (low, high):
            layers.append(
                base.mark_tick(color=TEXT, thickness=1.5, size=10).encode(
                    y=y, x=alt.X(end, scale=x_scale)
                )
            )
    layers.append(
        alt.Chart(alt.Data(values=[{"zero": 0}]))
        .mark_rule(color=TEXT, strokeWidth=1)
        .encode(x=alt.X("zero:Q", scale=x_scale))
    )
    chart = alt.layer(*layers).properties(height=ROW_HEIGHT * len(data))
    description = gettext(
        "Agreement per statement: disagree to the left, agree to the right, with %(level)s interval"
    ) % {"level": "95%"}
    spec = configured(chart, description, width)
    # The height follows the number of statements; only the width fits the box.
    spec["autosize"] = {"type": "fit-x", "contains": "padding"}
    spec["config"]["legend"] = {"aria": False, "labelFontSize": 12, "labelColor": TEXT}
    return spec
