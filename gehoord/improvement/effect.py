"""The effect of a finished action: its indicator before vs after the done date.

Both windows hold the same number of whole calendar months; the month in which the action
was finished is left out of both, because it mixes answers from before and after the change.
Figures come from the monthly rollups, so the cost does not grow with the responses.
"""

from dataclasses import dataclass
from datetime import date

from gehoord.insights import query as insights
from gehoord.insights.query import Figure, Period, Sums
from gehoord.tenancy.models import Organisation

GRADE = insights.GRADE_INDICATOR


@dataclass
class Effect:
    indicator: str
    before_period: Period
    after_period: Period
    before: Figure
    after: Figure  # carries the comparison against `before` (after vs before)
    complete: bool  # False while the after-window has not ended yet

    @property
    def verdict_words(self) -> str:
        return self.after.verdict_words if self.before.shown else ""


def windows(done_on: date, months: int) -> tuple[Period, Period]:
    first = insights.month_start(done_on)
    before_start = insights.add_months(first, -months)
    before_end = insights.month_end(insights.add_months(first, -1))
    after_start = insights.add_months(first, 1)
    after_end = insights.month_end(insights.add_months(first, months))
    return (Period("months", before_start, before_end), Period("months", after_start, after_end))


def figure_from_sums(
    indicator_code: str, before: Sums, after: Sums, minimum_n: int
) -> tuple[Figure, Figure]:
    """Both figures, the after one tested against the before one (insights decides whether
    the indicator is a mean or a share)."""
    return (
        insights.indicator_figure(indicator_code, before, minimum_n),
        insights.indicator_figure(indicator_code, after, minimum_n, against=before),
    )


def indicator_sums(organisation: Organisation, indicator_code: str, period: Period) -> Sums:
    return insights.indicator_sums(organisation, [indicator_code], period).get(
        indicator_code, Sums()
    )


def effect_of(
    organisation: Organisation, indicator_code: str, done_on: date, months: int
) -> Effect:
    before_period, after_period = windows(done_on, months)
    before = indicator_sums(organisation, indicator_code, before_period)
    after = indicator_sums(organisation, indicator_code, after_period)
    old, new = figure_from_sums(indicator_code, before, after, organisation.minimum_n)
    return Effect(
        indicator_code,
        before_period,
        after_period,
        old,
        new,
        complete=after_period.end < insights.today(),
    )
