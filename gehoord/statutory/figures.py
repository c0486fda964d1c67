"""The statutory indicators of one closed year: % (helemaal) mee eens of valid answers,
with n, the 95 % interval and the response rate, and last year's figure beside it.

Figures come from `insights` (the monthly rollups of the year), so suppression below the
organisation's minimum n is decided there, by `insights.disclosure`, as everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gehoord.framework import query as framework_query
from gehoord.framework.models import Question
from gehoord.insights import query as insights
from gehoord.outreach import query as outreach_query
from gehoord.surveys import query as survey_query

from .models import Law, StatutoryYear
from .query import plan_questionnaire_ids


def sets_of(law: str) -> frozenset[str]:
    return (
        frozenset({framework_query.WMO_SET}) if law == Law.WMO else framework_query.YOUTH_SET_KEYS
    )


def year_period(year: int) -> insights.Period:
    return insights.Period("year", date(year, 1, 1), date(year, 12, 31))


@dataclass
class ResponseRate:
    invited: int
    responses: int

    @property
    def percent(self) -> float | None:
        if not self.invited:
            return None
        return round(100 * min(self.responses, self.invited) / self.invited, 1)


@dataclass
class IndicatorRow:
    question: Question
    figure: insights.Figure
    last_year: insights.Figure | None


@dataclass
class YearFigures:
    plan: StatutoryYear
    rows: list[IndicatorRow]
    rate: ResponseRate


def _sums(plan: StatutoryYear) -> dict[int, insights.Sums]:
    """Per bank question, the year's sums over all the plan's questionnaires (one query)."""
    rows = insights.figure_rows(plan.organisation, year_period(plan.year)).filter(
        questionnaire_id__in=plan_questionnaire_ids(plan)
    )
    return {
        row["question_id"]: insights.Sums.of(row) for row in insights.summed(rows, "question_id")
    }


def response_rate(plan: StatutoryYear) -> ResponseRate:
    ids = plan_questionnaire_ids(plan)
    start, end = insights.day_bounds(date(plan.year, 1, 1), date(plan.year, 12, 31))
    delivered = sum(
        outreach_query.response_counts(plan.organisation, start, end, q)[0] for q in ids
    )
    responses = (
        survey_query.responses(plan.organisation)
        .filter(questionnaire_id__in=ids, submitted_at__gte=start, submitted_at__lt=end)
        .count()
    )
    return ResponseRate(delivered + plan.invited_outside, responses)


def previous_year(plan: StatutoryYear) -> StatutoryYear | None:
    return (
        StatutoryYear.objects.for_organisation(plan.organisation)
        .filter(law=plan.law, year=plan.year - 1)
        .select_related("organisation")
        .first()
    )


def year_figures(plan: StatutoryYear) -> YearFigures:
    """Every statutory item of the plan's law, in code order, with last year beside it."""
    minimum_n = plan.organisation.minimum_n
    now = _sums(plan)
    before_plan = previous_year(plan)
    before = _sums(before_plan) if before_plan else {}
    rows = []
    for question in framework_query.standard_questions(plan.organisation, sets_of(plan.law)):
        sums = now.get(question.pk, insights.Sums())
        old = before.get(question.pk)
        figure = insights.figure_of(insights.SHARE, sums, minimum_n, old)
        last = insights.figure_of(insights.SHARE, old, minimum_n) if old else None
        rows.append(IndicatorRow(question, figure, last))
    return YearFigures(plan, rows, response_rate(plan))
