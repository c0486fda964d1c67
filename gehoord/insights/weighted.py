"""Weighted figures computed on request from the responses (issue 22, item 5).

The dashboards read summed rollups, which cannot carry a weight per response; a screen
that offers weighted figures (the statutory year, its annual report) asks here. The
responses of a set of questionnaires in a period are raked to the population margins
(`weighting.rake`), and each question's share of favourable answers is computed with those
weights: the interval and suppression use Kish's effective n (`disclosure`
`.below_minimum_weighted`), so a weighted figure is never shown where the raw n, or the
few answers its heavy weights stand for, would hide it.

Margins are {dimension: {category: population count}} over the dimensions below; a
response's category is its segment (copied at invitation time): age band, district, and
the names of its service and provider.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

import numpy as np
from django.db.models import BooleanField, Case, Value, When

from gehoord.surveys.models import COUNTED_REVIEWS, Answer, Response
from gehoord.tenancy.models import Organisation

from . import disclosure, weighting
from .figures import Figure
from .rollups import FAVOURABLE

# Dimension → the response field that holds its category.
DIMENSIONS = {
    "age_band": "age_band",
    "district": "district",
    "service": "service__name",
    "provider": "provider__name",
}


@dataclass
class Weighting:
    """The raking of one set of responses: a weight per response id (all 1 when the
    margins could not be met), and the representation of every stratum."""

    weights: dict
    result: weighting.RakingResult | None
    representation: list[weighting.StratumRepresentation] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return self.result is not None and self.result.usable

    @property
    def under_represented(self) -> list[weighting.StratumRepresentation]:
        return weighting.under_represented(self.representation)

    @property
    def design_effect(self) -> float:
        return self.result.design_effect if self.usable and self.result else 1.0

    @property
    def effective_n(self) -> float:
        return self.result.effective_n if self.usable and self.result else float(len(self.weights))

    @property
    def problems(self) -> list[tuple[str, str, str]]:
        return self.result.problems if self.result else []


def respondents(
    organisation: Organisation, questionnaire_ids: Iterable[int], start: datetime, end: datetime
) -> list[dict]:
    """Counted responses of the questionnaires submitted in [start, end), with their
    categories on every dimension ("" when unknown), in a fixed order."""
    fields = list(DIMENSIONS.values())
    rows = (
        Response.objects.for_organisation(organisation)
        .filter(
            questionnaire_id__in=list(questionnaire_ids),
            submitted_at__gte=start,
            submitted_at__lt=end,
            review__in=COUNTED_REVIEWS,
        )
        .order_by("pk")
        .values("pk", *fields)
    )
    return [
        {"pk": row["pk"], **{dim: row[name] or "" for dim, name in DIMENSIONS.items()}}
        for row in rows
    ]


def _common_total(margins: dict) -> dict:
    """Each margin scaled to the first one's total. Raking uses only shares; margins counted
    from a register differ in total where a category is unknown (no birth year), which
    is no inconsistency of the population."""
    if not margins:
        return margins
    total = sum(next(iter(margins.values())).values())
    return {
        dim: {key: count * total / sum(counts.values()) for key, count in counts.items()}
        for dim, counts in margins.items()
    }


def weigh(rows: list[dict], margins: Mapping[str, Mapping[str, float]]) -> Weighting:
    """Rake `rows` (from `respondents`) to `margins`; without margins or responses every
    weight is 1 and nothing is raked."""
    margins = _common_total(
        {dim: counts for dim, counts in margins.items() if dim in DIMENSIONS and counts}
    )
    categories = {dim: [row[dim] for row in rows] for dim in margins}
    represented = weighting.representation(categories, margins) if rows else []
    if not margins or not rows:
        return Weighting({row["pk"]: 1.0 for row in rows}, None, represented)
    result = weighting.rake(categories, margins)
    values = result.weights if result.usable else np.ones(len(rows))
    return Weighting(
        {row["pk"]: float(w) for row, w in zip(rows, values, strict=True)}, result, represented
    )


def favourable_answers(weights: Mapping, question_ids: Iterable[int]) -> dict[int, list]:
    """Per bank question: (response id, favourable) of the valid answers of the weighed
    responses ("don't know" and "not applicable" carry no number and are left out)."""
    answers = (
        Answer.objects.filter(
            response_id__in=list(weights),
            question_id__in=list(question_ids),
            value_number__isnull=False,
        )
        .annotate(
            good=Case(
                When(FAVOURABLE, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .values_list("question_id", "response_id", "good")
        .order_by("question_id", "response_id")
    )
    result: dict[int, list] = {}
    for question_id, response_id, good in answers:
        result.setdefault(question_id, []).append((response_id, bool(good)))
    return result


def weighted_share_figure(
    pairs: list, weights: Mapping, minimum_n: int, *, weighted: bool = True
) -> Figure:
    """The share of favourable answers, weighted (or with every weight 1), with n, the
    design effect and the effective n; hidden below the minimum on min(n, n_eff)."""
    flags = [good for _pk, good in pairs]
    values = [weights[pk] if weighted else 1.0 for pk, _good in pairs]
    estimate = weighting.weighted_share(flags, values)
    return Figure(
        "share",
        estimate.n,
        estimate.value,
        estimate.ci_low,
        estimate.ci_high,
        suppressed=disclosure.below_minimum_weighted(estimate.n, estimate.effective_n, minimum_n),
        weighted=weighted,
        effective_n=estimate.effective_n,
        design_effect=estimate.design_effect,
    )


def share_figures(
    weighing: Weighting, question_ids: Iterable[int], minimum_n: int, *, weighted: bool
) -> dict[int, Figure]:
    """Per question, its (weighted) share figure; a question without answers is absent."""
    weights = weighing.weights if weighted and weighing.usable else {}
    by_question = favourable_answers(weighing.weights, question_ids)
    return {
        question_id: weighted_share_figure(pairs, weights, minimum_n, weighted=bool(weights))
        for question_id, pairs in by_question.items()
    }
