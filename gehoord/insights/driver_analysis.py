"""Key drivers on the organisation's own answers, stored for the dashboard.

Relative weights need one row per respondent, which rollups cannot give; reading months of
answers is too slow for a page, so a nightly task computes the analysis per organisation,
per service and per provider (where n allows) and stores it in `DriverAnalysis`.
"""

import numpy as np
import pandas as pd
from django.core.cache import cache
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gehoord.catalog import query as catalog_query
from gehoord.framework import query as framework_query
from gehoord.surveys import query as survey_query
from gehoord.tenancy.models import Organisation

from . import drivers, periods
from .models import DriverAnalysis

# Relative weights with five drivers need far more complete rows than a published mean;
# below this the bootstrap intervals are too wide to act on.
MINIMUM_ROWS = 50
RESAMPLES = 1000
# A computed selection stays valid for a few minutes; new answers show up after that.
SELECTION_CACHE_SECONDS = 300


def respondent_matrix(organisation: Organisation, start, end, **segment) -> pd.DataFrame:
    """One row per response: the grade and one column per driver (agreement 1–5)."""
    grade_ids = framework_query.questions_measuring(organisation, "overall_grade")
    driver_of = framework_query.agreement_driver_questions(organisation)
    rows = survey_query.answer_values(
        organisation, grade_ids + list(driver_of), *periods.day_bounds(start, end), **segment
    )
    frame = pd.DataFrame.from_records(list(rows), columns=["response", "question", "value"])
    if frame.empty:
        return pd.DataFrame(columns=["grade"])
    frame["value"] = frame["value"].astype(float)
    frame["column"] = frame["question"].map(lambda q: "grade" if q in grade_ids else driver_of[q])
    # A response answers each driver once; should two questions measure one driver, average.
    return frame.pivot_table(index="response", columns="column", values="value", aggfunc="mean")


def analyse(matrix: pd.DataFrame, minimum_rows: int = MINIMUM_ROWS) -> tuple[dict, str]:
    """(result, problem): the weights with performance and quadrant, or why there are none."""
    names = sorted(c for c in matrix.columns if c != "grade")
    if "grade" not in matrix.columns or len(names) < 2:
        return {}, _("This questionnaire has no grade or fewer than two driver questions.")
    complete = matrix[["grade", *names]].dropna()
    if len(complete) < minimum_rows:
        return {}, _("Too few complete responses (%(n)s; at least %(min)s needed).") % {
            "n": len(complete),
            "min": minimum_rows,
        }
    try:
        result = drivers.bootstrap_relative_weights(
            complete[names].to_numpy(), complete["grade"].to_numpy(), names, resamples=RESAMPLES
        )
    except ValueError as error:
        return {}, str(error)[:200]
    performance = {name: float(np.mean(complete[name] >= 4) * 100) for name in names}
    quadrants = drivers.importance_performance(result.importance(), performance)
    weights = [
        {
            "driver": w.name,
            "share": w.share,
            "ci_low": w.ci_low,
            "ci_high": w.ci_high,
            "performance": performance[w.name],
            "quadrant": str(quadrants[w.name]),
        }
        for w in result.weights
    ]
    return {"n": result.n, "r_squared": result.r_squared, "weights": weights}, ""


def compute(organisation: Organisation, service=None, provider=None, end=None) -> DriverAnalysis:
    start, end = periods.window_ending(end or periods.today())
    segment = {}
    if service is not None:
        segment["service_id"] = service.pk
    if provider is not None:
        segment["provider_id"] = provider.pk
    matrix = respondent_matrix(organisation, start, end, **segment)
    analysis = _analysis_of(matrix, organisation, start, end, service=service, provider=provider)
    with transaction.atomic():
        DriverAnalysis.objects.filter(
            organisation=organisation, service=service, provider=provider
        ).delete()
        analysis.save()
        return analysis


def _analysis_of(matrix: pd.DataFrame, organisation: Organisation, start, end, **segment):
    """The (unsaved) analysis of these respondent rows; `segment` names service/provider."""
    result, problem = analyse(matrix, max(MINIMUM_ROWS, organisation.minimum_n))
    return DriverAnalysis(
        organisation=organisation,
        period_start=start,
        period_end=end,
        n=result.get("n", len(matrix)),
        r_squared=result.get("r_squared"),
        weights=result.get("weights", []),
        problem=problem,
        **segment,
    )


def compute_for(organisation: Organisation) -> int:
    count = 1
    compute(organisation)
    for service in catalog_query.active_services(organisation):
        compute(organisation, service=service)
        count += 1
    for provider in catalog_query.active_providers(organisation):
        compute(organisation, provider=provider)
        count += 1
    return count


def compute_all() -> int:
    return sum(compute_for(o) for o in survey_query.organisations_with_responses())


def latest(
    organisation: Organisation, service_id: int | None = None, provider_id: int | None = None
) -> DriverAnalysis | None:
    return DriverAnalysis.objects.filter(
        organisation=organisation, service_id=service_id, provider_id=provider_id
    ).first()


QUADRANT_WORDS = {
    "fix_first": gettext_lazy("Improve first"),
    "keep": gettext_lazy("Keep it up"),
    "monitor": gettext_lazy("Watch"),
    "lower_priority": gettext_lazy("Later"),
}


def for_selection(organisation: Organisation, period, filters) -> DriverAnalysis:
    """The analysis of exactly this period and these filters, computed on request.

    The nightly analysis covers only the rolling window per service or provider; any other
    period, questionnaire, team or channel needs its own rows. The result is an unsaved
    `DriverAnalysis` (same shape as the stored one), cached briefly because the bootstrap
    takes a moment and the filter bar is clicked repeatedly.
    """
    matrix = respondent_matrix(organisation, period.start, period.end, **filters.as_dict())
    # Keyed on the rows themselves: reading them is quick, the bootstrap is what is slow,
    # and a new answer changes the key so the figure is never stale.
    digest = int(pd.util.hash_pandas_object(matrix).sum()) if len(matrix) else 0
    key = f"drivers:{organisation.pk}:{period.start}:{period.end}:{len(matrix)}:{digest}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    analysis = _analysis_of(
        matrix,
        organisation,
        period.start,
        period.end,
        service_id=filters.service_id,
        provider_id=filters.provider_id,
    )
    cache.set(key, analysis, SELECTION_CACHE_SECONDS)
    return analysis


def presented(
    organisation: Organisation,
    service_id: int | None = None,
    provider_id: int | None = None,
    *,
    period=None,
    filters=None,
) -> dict:
    """The analysis as the drivers screen and the PDF report show it: weights (stored
    most important first) with names, advice and percentages.

    Without a period the latest stored analysis is shown; with one, the analysis of that
    period and all `filters` (computed on request)."""
    if period is not None and filters is not None:
        analysis = for_selection(organisation, period, filters)
    else:
        analysis = latest(organisation, service_id, provider_id)
    names = framework_query.driver_names(organisation)
    weights = [
        {
            **weight,
            "name": names.get(weight["driver"], weight["driver"]),
            "share_percent": 100 * weight["share"],
            "ci_low_percent": 100 * weight["ci_low"],
            "ci_high_percent": 100 * weight["ci_high"],
            "quadrant_words": str(QUADRANT_WORDS.get(weight["quadrant"], "")),
        }
        for weight in (analysis.weights if analysis else [])
    ]
    return {"analysis": analysis, "weights": weights}
