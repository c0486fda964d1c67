"""The statutory indicators of one closed year: % (helemaal) mee eens of valid answers,
with n, the 95 % interval and the response rate, and last year's figure beside it.

Figures come from `insights` (the monthly rollups of the year), so suppression below the
organisation's minimum n is decided there, by `insights.disclosure`, as everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from gehoord.framework import query as framework_query
from gehoord.framework.models import Question
from gehoord.insights import query as insights
from gehoord.outreach import query as outreach_query
from gehoord.surveys import query as survey_query

from .models import Law, MarginDimension, PopulationMargin, StatutoryYear
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
    # Whether the rows are weighted, and the raking behind them (None: no margins).
    weighted: bool = False
    weighting: insights.Weighting | None = None


@dataclass(frozen=True)
class RepresentationRow:
    dimension: str  # in words
    category: str
    responses: int
    response_percent: int
    population_percent: int
    under: bool

    @property
    def words(self) -> str:
        return _(
            "%(dimension)s %(category)s: %(responses)s%% of the responses, "
            "%(population)s%% of the population"
        ) % {
            "dimension": self.dimension.lower(),
            "category": self.category,
            "responses": self.response_percent,
            "population": self.population_percent,
        }


def representation_rows(
    weighing: insights.Weighting | None, law: str, *, public: bool = False
) -> list[RepresentationRow]:
    """Response against population per stratum, under-represented ones marked. For the
    Jeugdwet set providers are left out of anything public (the youth guard)."""
    if weighing is None:
        return []
    labels = dict(MarginDimension.choices)
    under = {(r.margin, r.value) for r in weighing.under_represented}
    return [
        RepresentationRow(
            str(labels.get(row.margin, row.margin)),
            row.value,
            row.responses,
            round(100 * row.response_share),
            round(100 * row.population_share),
            (row.margin, row.value) in under,
        )
        for row in weighing.representation
        if not (public and law == Law.YOUTH and row.margin == MarginDimension.PROVIDER)
    ]


def margins_of(plan: StatutoryYear) -> dict[str, dict[str, int]]:
    """The year's population margins: {dimension: {category: count}}."""
    result: dict[str, dict[str, int]] = {}
    rows = PopulationMargin.objects.for_organisation(plan.organisation).filter(year=plan)
    for dimension, category, count in rows.values_list("dimension", "category", "count"):
        result.setdefault(dimension, {})[category] = count
    return result


def weighting_of(plan: StatutoryYear) -> insights.Weighting | None:
    """The year's responses raked to its margins; None when the year has no margins."""
    margins = margins_of(plan)
    if not margins:
        return None
    start, end = insights.day_bounds(date(plan.year, 1, 1), date(plan.year, 12, 31))
    rows = insights.weighting_respondents(
        plan.organisation, plan_questionnaire_ids(plan), start, end
    )
    return insights.weigh(rows, margins)


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


def year_figures(plan: StatutoryYear, weighted: bool | None = False) -> YearFigures:
    """Every statutory item of the plan's law, in code order, with last year beside it.

    `weighted`: False gives the figures as answered (the rollups); True weights them to
    the year's population margins when raking succeeds; None weights when it can. A
    weighted figure is computed from the responses, with its design effect and effective
    n; it is not tested against last year (that figure is unweighted)."""
    minimum_n = plan.organisation.minimum_n
    now = _sums(plan)
    before_plan = previous_year(plan)
    before = _sums(before_plan) if before_plan else {}
    questions = framework_query.standard_questions(plan.organisation, sets_of(plan.law))
    weighing = weighting_of(plan)
    use_weights = weighted is not False and weighing is not None and weighing.usable
    weighted_rows = (
        insights.weighted_share_figures(
            weighing, [q.pk for q in questions], minimum_n, weighted=True
        )
        if use_weights and weighing is not None
        else {}
    )
    rows = []
    for question in questions:
        sums = now.get(question.pk, insights.Sums())
        old = before.get(question.pk)
        if use_weights:
            figure = weighted_rows.get(question.pk) or insights.figure_of(
                insights.SHARE, insights.Sums(), minimum_n
            )
        else:
            figure = insights.figure_of(insights.SHARE, sums, minimum_n, old)
        last = insights.figure_of(insights.SHARE, old, minimum_n) if old else None
        rows.append(IndicatorRow(question, figure, last))
    return YearFigures(plan, rows, response_rate(plan), use_weights, weighing)
