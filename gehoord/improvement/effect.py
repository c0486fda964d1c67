"""The effect of a finished action: its indicator before vs after the done date.

Both windows hold the same number of whole calendar months; the month in which the action
was finished is left out of both, because it mixes answers from before and after the change.
Figures come from the monthly rollups, so the cost does not grow with the responses.
"""

from dataclasses import dataclass
from datetime import date

from gehoord.framework import query as framework_query
from gehoord.insights import periods
from gehoord.insights.figures import Figure, mean_figure, share_figure
from gehoord.insights.metrics import Sums, figure_rows, sums_by_question
from gehoord.insights.stats import compare_means, compare_proportions
from gehoord.tenancy.models import Organisation

GRADE = "overall_grade"


@dataclass
class Effect:
    indicator: str
    before_period: periods.Period
    after_period: periods.Period
    before: Figure
    after: Figure  # carries the comparison against `before` (after vs before)
    complete: bool  # False while the after-window has not ended yet

    @property
    def verdict_words(self) -> str:
        return self.after.verdict_words if self.before.shown else ""


def windows(done_on: date, months: int) -> tuple[periods.Period, periods.Period]:
    first = periods.month_start(done_on)
    before_start = periods.add_months(first, -months)
    before_end = periods.month_end(periods.add_months(first, -1))
    after_start = periods.add_months(first, 1)
    after_end = periods.month_end(periods.add_months(first, months))
    return (periods.Period("months", before_start, before_end),
            periods.Period("months", after_start, after_end))


def figure_from_sums(indicator_code: str, before: Sums, after: Sums, minimum_n: int
                     ) -> tuple[Figure, Figure]:
    """Both figures, the after one tested against the before one; the grade is a mean,
    every other indicator the share of favourable answers."""
    if indicator_code == GRADE:
        old, new = mean_figure(before.mean, minimum_n), mean_figure(after.mean, minimum_n)
        new.comparison = compare_means(after.mean, before.mean)
    else:
        old, new = share_figure(before.share, minimum_n), share_figure(after.share, minimum_n)
        new.comparison = compare_proportions(after.share, before.share)
    return old, new


def sums_by_indicator(organisation: Organisation, indicator_codes,
                      period: periods.Period) -> dict[str, Sums]:
    """Pooled sums per indicator in two queries, however many indicators are asked for."""
    ids_by_indicator = framework_query.questions_by_indicator(organisation, indicator_codes)
    all_ids = [i for ids in ids_by_indicator.values() for i in ids]
    if not all_ids:
        return {}
    by_question = sums_by_question(
        figure_rows(organisation, period).filter(question_id__in=all_ids))
    return {code: sum((by_question[i] for i in ids if i in by_question), Sums())
            for code, ids in ids_by_indicator.items()}


def indicator_sums(organisation: Organisation, indicator_code: str,
                   period: periods.Period) -> Sums:
    return sums_by_indicator(organisation, [indicator_code], period).get(indicator_code, Sums())


def effect_of(organisation: Organisation, indicator_code: str, done_on: date,
              months: int) -> Effect:
    before_period, after_period = windows(done_on, months)
    before = indicator_sums(organisation, indicator_code, before_period)
    after = indicator_sums(organisation, indicator_code, after_period)
    old, new = figure_from_sums(indicator_code, before, after, organisation.minimum_n)
    return Effect(indicator_code, before_period, after_period, old, new,
                  complete=after_period.end < periods.today())
