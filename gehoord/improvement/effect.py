"""The effect of a finished action, against the trend and, where possible, against
comparable untouched units.

A plain before/after comparison credits any trend to the action: a slowly rising grade
reads "duidelijk hoger" after an action that did nothing. So the monthly series of the
action's indicator is fitted with a segmented regression (`trend.py`): the trend of the
`MONTHS_BEFORE` months before the done month is carried forward, and the months after
(`Action.effect_months`) are compared with what it predicted. When the action belongs to a
team or a provider, the series is that team's or provider's only, and the other teams or
providers with enough answers in every month form a comparison group for a
difference-in-differences estimate.

The done month itself is left out (it mixes answers from before and after the change), and
so is any month that has not ended yet. Disclosure: a month whose figure is suppressed
(n below the organisation's minimum) is not used and shows "te weinig reacties"; a
comparison unit with a suppressed month is left out of the comparison group, so no
estimate ever rests on a figure that may not be shown. Figures come from the monthly
rollups, so the cost does not grow with the responses.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gehoord.insights import query as insights
from gehoord.insights.query import Figure, Filters, Sums
from gehoord.tenancy.models import Organisation

from . import trend
from .trend import DifferenceResult, Direction, TrendResult

MONTHS_BEFORE = 12

TREND_WORDS = {
    Direction.HIGHER: gettext_lazy("after the action higher than the trend predicted"),
    Direction.LOWER: gettext_lazy("after the action lower than the trend predicted"),
    Direction.NONE: gettext_lazy("no difference from the trend"),
}
COMPARISON_WORDS = {
    # The own months after against the months before plus the comparison group's change.
    Direction.HIGHER: gettext_lazy("higher than the change in the comparison group predicted"),
    Direction.LOWER: gettext_lazy("lower than the change in the comparison group predicted"),
    Direction.NONE: gettext_lazy("no difference from the comparison group"),
}


@dataclass
class Month:
    start: date
    position: int  # months from the done month: −12 … −1 before, 1 … after
    figure: Figure

    @property
    def used(self) -> bool:
        return self.figure.shown


@dataclass
class Effect:
    indicator: str
    scope: str  # "team", "provider" or "" (the whole organisation)
    months: list[Month]
    trend: TrendResult | None
    difference: DifferenceResult | None = None
    comparison_units: int = 0  # units pooled into the comparison group
    complete: bool = True  # False while the months after have not all ended
    months_after_asked: int = 0
    before_used: int = 0
    after_used: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def verdict_words(self) -> str:
        return str(TREND_WORDS[self.trend.direction]) if self.trend else ""

    @property
    def comparison_words(self) -> str:
        return str(COMPARISON_WORDS[self.difference.direction]) if self.difference else ""

    @property
    def too_few_months(self) -> str:
        if self.trend is not None:
            return ""
        return _(
            "Too few months with enough responses to compare with the trend: "
            "%(before)s of at least %(min_before)s months before and %(after)s of at least "
            "%(min_after)s months after the action."
        ) % {
            "before": self.before_used,
            "min_before": trend.MINIMUM_MONTHS_BEFORE,
            "after": self.after_used,
            "min_after": trend.MINIMUM_MONTHS_AFTER,
        }

    @property
    def kind(self) -> str:
        return insights.kind_of_indicator(self.indicator)


def month_positions(done_on: date, months_after: int) -> list[tuple[date, int]]:
    first = insights.month_start(done_on)
    before = [(insights.add_months(first, -k), -k) for k in range(MONTHS_BEFORE, 0, -1)]
    after = [(insights.add_months(first, k), k) for k in range(1, months_after + 1)]
    return before + after


def _series(months: list[Month]) -> tuple[list[int], list[float], list[float]]:
    used = [m for m in months if m.used]
    return (
        [m.position for m in used],
        [float(m.figure.value) for m in used if m.figure.value is not None],
        [float(m.figure.n) for m in used],
    )


def _comparison(
    organisation: Organisation,
    indicator_code: str,
    positions: list[tuple[date, int]],
    used: list[Month],
    filters: Filters,
    by: str,
    own_id: int,
) -> tuple[DifferenceResult | None, int]:
    """Pool the other units that may be shown in every month the own series uses."""
    per_unit = insights.monthly_indicator_sums(
        organisation, indicator_code, positions[0][0], positions[-1][0], filters, by=by
    )
    minimum_n = organisation.minimum_n
    pooled: dict[date, Sums] = {m.start: Sums() for m in used}
    units = 0
    for unit, by_month in per_unit.items():
        if unit is None or unit == own_id:
            continue
        figures = {
            m.start: insights.indicator_figure(
                indicator_code, by_month.get(m.start, Sums()), minimum_n
            )
            for m in used
        }
        if not all(f.shown for f in figures.values()):
            continue
        units += 1
        for start in pooled:
            pooled[start] = pooled[start] + by_month[start]
    if units == 0:
        return None, 0
    comparison = [
        insights.indicator_figure(indicator_code, pooled[m.start], minimum_n).value for m in used
    ]
    result = trend.difference_in_differences(
        [m.position for m in used],
        [float(m.figure.value) for m in used if m.figure.value is not None],
        [float(v) for v in comparison if v is not None],
    )
    return result, units


def effect_of(
    organisation: Organisation,
    indicator_code: str,
    done_on: date,
    months_after: int,
    *,
    team_id: int | None = None,
    provider_id: int | None = None,
) -> Effect:
    """The effect on `indicator_code` of an action done on `done_on`, on the answers of its
    team and/or provider when it has one (the whole organisation otherwise)."""
    positions = month_positions(done_on, months_after)
    today = insights.today()
    ended = [(start, k) for start, k in positions if insights.month_end(start) < today]
    filters = Filters(team_id=team_id, provider_id=provider_id)
    minimum_n = organisation.minimum_n
    sums = insights.monthly_indicator_sums(
        organisation, indicator_code, positions[0][0], positions[-1][0], filters
    ).get(None, {})
    months = [
        Month(
            start, k, insights.indicator_figure(indicator_code, sums.get(start, Sums()), minimum_n)
        )
        for start, k in ended
    ]
    positions_used, values, weights = _series(months)
    scope = "provider" if provider_id else "team" if team_id else ""
    effect = Effect(
        indicator_code,
        scope,
        months,
        trend.segmented_regression(positions_used, values, weights),
        complete=len(ended) == len(positions),
        months_after_asked=months_after,
        before_used=sum(1 for k in positions_used if k < 0),
        after_used=sum(1 for k in positions_used if k > 0),
    )
    if effect.trend is not None and scope:
        # Other providers (within the same team, when the action has both) or other teams.
        by, own_id = ("provider_id", provider_id) if provider_id else ("team_id", team_id)
        others = Filters(team_id=team_id) if provider_id else Filters()
        effect.difference, effect.comparison_units = _comparison(
            organisation,
            indicator_code,
            positions,
            [m for m in months if m.used],
            others,
            by,
            own_id or 0,
        )
    return effect
