"""Reads of the insights app for other apps: figures, periods, comparisons.

Improvement, publication and the demo read results through this module (and start work
through `service`), never through metrics, figures, periods or benchmarks directly, so
those can change behind it. Whether a figure is a mean or a share of favourable answers
is decided once (`kind_of_question`, `kind_of_indicator`, in metrics) and offered here.
"""

from datetime import date

from django.db.models import QuerySet

from gehoord.framework import query as framework_query
from gehoord.tenancy.models import Organisation

from .benchmarks import (
    PeerRow,
    PortalMonth,
    ProviderComparison,
    peer_benchmark,
    portal_trend,
    provider_comparison,
)
from .disclosure import MINIMUM_ORGANISATIONS, rounded
from .figures import HIDDEN_FOR_PRIVACY, TOO_FEW, VERDICT_WORDS, Figure, hidden_figure
from .metrics import (
    GRADE_INDICATOR,
    MEAN,
    SHARE,
    Filters,
    Headline,
    QuestionFigure,
    Sums,
    figure_of,
    figure_rows,
    headlines,
    indicator_sums,
    kind_of_indicator,
    kind_of_question,
    monthly_by_question,
    summed,
)
from .models import ExportJob, ExportStatus
from .multiplicity import FALSE_DISCOVERY_RATE, adjust, control
from .periods import (
    Period,
    add_months,
    day_bounds,
    month,
    month_end,
    month_start,
    rolling_window,
    today,
)
from .periods import parse as parse_period
from .stats import Verdict
from .weighted import DIMENSIONS as WEIGHTING_DIMENSIONS
from .weighted import Weighting, weigh
from .weighted import respondents as weighting_respondents
from .weighted import share_figures as weighted_share_figures
from .weighting import UNDER_REPRESENTED, StratumRepresentation

__all__ = [
    # Weighted figures on request (raking to population margins, Kish's effective n).
    "WEIGHTING_DIMENSIONS",
    "Weighting",
    "weigh",
    "weighting_respondents",
    "weighted_share_figures",
    "StratumRepresentation",
    "UNDER_REPRESENTED",
    # Figures and how they are reported.
    "Figure",
    "Sums",
    "Filters",
    "QuestionFigure",
    "Headline",
    "Verdict",
    "TOO_FEW",
    # Disclosure control (insights.disclosure): what of a figure may be shown.
    "HIDDEN_FOR_PRIVACY",
    "MINIMUM_ORGANISATIONS",
    "hidden_figure",
    "rounded",
    "VERDICT_WORDS",
    "MEAN",
    "SHARE",
    "GRADE_INDICATOR",
    "kind_of_question",
    "kind_of_indicator",
    "figure_of",
    "indicator_figure",
    # Many comparisons on one screen (Benjamini–Hochberg).
    "FALSE_DISCOVERY_RATE",
    "adjust",
    "control",
    "size_class_verdicts",
    # Reads.
    "headlines",
    "indicator_sums",
    "monthly_indicator_figures",
    "monthly_indicator_sums",
    "ready_exports",
    "provider_comparison",
    "portal_trend",
    "PortalMonth",
    "ProviderComparison",
    "peer_benchmark",
    "PeerRow",
    # Periods.
    "Period",
    "rolling_window",
    "parse_period",
    "month",
    "today",
    "add_months",
    "month_start",
    "month_end",
    "day_bounds",
]


def indicator_figure(
    indicator_code: str, sums: Sums, minimum_n: int, against: Sums | None = None
) -> Figure:
    """An indicator's figure (mean for the grade, share otherwise), tested against
    `against` (e.g. the period before) when given."""
    return figure_of(kind_of_indicator(indicator_code), sums, minimum_n, against)


def monthly_indicator_figures(
    organisation: Organisation,
    indicator_code: str,
    filters: Filters | None = None,
    months: int = 12,
) -> list[tuple[date, Figure]]:
    """One indicator's figure per calendar month, oldest first, up to this month."""
    question_ids = framework_query.questions_measuring(organisation, indicator_code)
    result = []
    for start, by_question in monthly_by_question(
        organisation, question_ids, filters or Filters(), months
    ):
        total = sum(by_question.values(), Sums())
        result.append((start, indicator_figure(indicator_code, total, organisation.minimum_n)))
    return result


def size_class_verdicts(rows: list[PeerRow]) -> list[Verdict]:
    """The size class against the own figure for every row, as one family (a screen that
    lists where peers do clearly better tests every question at once)."""
    testable = [i for i, row in enumerate(rows) if row.own.shown and row.size_class.shown]
    comparisons = []
    for i in testable:
        row = rows[i]
        figure = figure_of(kind_of_question(row.kind), row.size_class_sums, 0, row.own_sums)
        if figure.comparison is not None:
            comparisons.append(figure.comparison)
    verdicts = [Verdict.NOT_TESTABLE] * len(rows)
    for i, comparison in zip(testable, adjust(comparisons), strict=True):
        verdicts[i] = comparison.verdict
    return verdicts


UNIT_FIELDS = ("team_id", "provider_id", "service_id")


def monthly_indicator_sums(
    organisation: Organisation,
    indicator_code: str,
    start: date,
    end: date,
    filters: Filters | None = None,
    by: str | None = None,
) -> dict[int | None, dict[date, Sums]]:
    """One indicator's pooled sums per calendar month from `start` to `end`, in one query;
    `by` ("team_id", "provider_id" or "service_id") splits them per unit (key None when
    not split or for answers without that unit)."""
    if by is not None and by not in UNIT_FIELDS:
        raise ValueError(f"cannot split by {by!r}")
    question_ids = framework_query.questions_measuring(organisation, indicator_code)
    rows = figure_rows(
        organisation, Period("months", month_start(start), month_end(end)), filters or Filters()
    ).filter(question_id__in=question_ids)
    result: dict[int | None, dict[date, Sums]] = {}
    keys = ("period_start", by) if by else ("period_start",)
    for row in summed(rows, *keys):
        unit = row[by] if by else None
        months = result.setdefault(unit, {})
        months[row["period_start"]] = months.get(row["period_start"], Sums()) + Sums.of(row)
    return result


def ready_exports(organisation: Organisation, user_id: int | None) -> QuerySet[ExportJob]:
    """The member's own finished exports whose file is still there, newest first (without
    the file itself)."""
    return (
        ExportJob.objects.for_organisation(organisation)
        .filter(requested_by_id=user_id, status=ExportStatus.DONE, content__isnull=False)
        .defer("content", "privacy_report")
        .order_by("-finished_at", "-pk")
    )
