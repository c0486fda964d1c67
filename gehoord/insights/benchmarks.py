"""Comparisons: each provider against the area, and an organisation against its peers.

Both read only rollups (sums), never answers: a peer's aggregate can therefore never reveal
a respondent, and an organisation sees other organisations only as a pooled figure.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import F

from gehoord.framework import query as framework_query
from gehoord.tenancy.models import Organisation

from . import multiplicity
from .figures import Figure
from .metrics import (
    Filters,
    QuestionFigure,
    Sums,
    figure_of,
    figure_rows,
    kind_of_question,
    summed,
    to_figure,
)
from .periods import Period
from .stats import Verdict

# A pooled peer figure from fewer organisations than this could single one out.
MINIMUM_PEERS = 3


@dataclass
class ProviderResult:
    provider_id: int
    name: str
    figures: dict[int, QuestionFigure]  # by question id
    strengths: list[QuestionFigure]
    weaknesses: list[QuestionFigure]


@dataclass
class ProviderComparison:
    questions: list[QuestionFigure]  # the area, weighted by n (pooled)
    unweighted: dict[int, Figure]  # the area as the plain mean of the providers' figures
    providers: list[ProviderResult]


def _unweighted(kind: str, values: list[float], minimum_n: int) -> Figure:
    """Mean of provider figures: every provider counts once, whatever its n."""
    if not values:
        return Figure(kind, 0, None, None, None, suppressed=True)
    return Figure(kind, len(values), sum(values) / len(values), None, None, suppressed=False)


def provider_comparison(
    organisation: Organisation, service_id: int, period: Period, provider_names: dict[int, str]
) -> ProviderComparison:
    rows = figure_rows(organisation, period, Filters(service_id=service_id)).filter(
        provider_id__isnull=False
    )
    by_provider: dict[int, dict[int, Sums]] = defaultdict(dict)
    area: dict[int, Sums] = defaultdict(Sums)
    for row in summed(rows, "provider_id", "question_id"):
        sums = Sums.of(row)
        by_provider[row["provider_id"]][row["question_id"]] = sums
        area[row["question_id"]] = area[row["question_id"]] + sums
    questions = framework_query.questions_by_id(area)
    minimum_n = organisation.minimum_n
    area_figures = sorted(
        (to_figure(questions[q], s, minimum_n) for q, s in area.items()),
        key=lambda f: (f.indicator != "overall_grade", f.type, f.code),
    )
    providers = []
    main_values: dict[int, list[float]] = defaultdict(list)
    figures_by_provider: dict[int, dict[int, QuestionFigure]] = {}
    for provider_id, own in by_provider.items():
        figures = figures_by_provider[provider_id] = {}
        for question_id, sums in own.items():
            figure = to_figure(questions[question_id], sums, minimum_n)
            figure.against, figure.against_includes_self = area[question_id], True
            figures[question_id] = figure
            if figure.main.shown:
                main_values[question_id].append(figure.main.value)
    # One family: every provider × question tested against its area on this screen.
    multiplicity.control(
        f.main for figures in figures_by_provider.values() for f in figures.values()
    )
    for provider_id, figures in figures_by_provider.items():
        shown = [f for f in figures.values() if f.main.shown and f.indicator != "overall_grade"]
        providers.append(
            ProviderResult(
                provider_id,
                provider_names.get(provider_id, "?"),
                figures,
                strengths=[f for f in shown if f.main.verdict == Verdict.CLEARLY_HIGHER],
                weaknesses=[f for f in shown if f.main.verdict == Verdict.CLEARLY_LOWER],
            )
        )
    providers.sort(key=lambda p: p.name)
    unweighted = {
        f.question_id: _unweighted(f.main.kind, main_values[f.question_id], minimum_n)
        for f in area_figures
    }
    return ProviderComparison(area_figures, unweighted, providers)


@dataclass
class PeerRow:
    code: str
    text: str
    kind: str  # the question's type (see `metrics.kind_of_question` for mean or share)
    own: Figure
    size_class: Figure
    size_class_organisations: int
    everyone: Figure
    everyone_organisations: int
    named: list[tuple[str, Figure]]
    # The pooled sums behind `own` and `size_class`, so a caller can test the two against
    # each other without rebuilding sums from rounded figures.
    own_sums: Sums
    size_class_sums: Sums

    @property
    def size_class_verdict(self) -> Verdict:
        """The size class against the own figure, tested on the pooled sums with the same
        tests as every other figure; only when both figures may be shown."""
        if not self.own.shown or not self.size_class.shown:
            return Verdict.NOT_TESTABLE
        figure = figure_of(kind_of_question(self.kind), self.size_class_sums, 0, self.own_sums)
        return figure.comparison.verdict


def _main_figure(question_type: str, sums: Sums, minimum_n: int) -> Figure:
    return figure_of(kind_of_question(question_type), sums, minimum_n)


def _pooled(kind: str, parts: list[Sums], minimum_n: int) -> Figure:
    figure = _main_figure(kind, sum(parts, Sums()), minimum_n)
    if len(parts) < MINIMUM_PEERS:
        figure.suppressed = True
    return figure


def peer_benchmark(organisation: Organisation, period: Period) -> list[PeerRow]:
    """Own figures beside the pooled figures of the same size class and of everyone.

    Questions are matched across organisations by their bank code (the standard sets share
    codes). Only organisations that opted in are named, each with its own figure.
    """
    rows = figure_rows(None, period).annotate(code=F("question__code"))
    per_org: dict[str, dict[int, Sums]] = defaultdict(dict)
    for row in summed(rows, "organisation_id", "code"):
        per_org[row["code"]][row["organisation_id"]] = Sums.of(row)
    others = {o.pk: o for o in Organisation.objects.exclude(pk=organisation.pk)}
    own_questions = {q.code: q for q in framework_query.bank(organisation)}
    minimum_n = organisation.minimum_n
    result = []
    for code, by_org in sorted(per_org.items()):
        question = own_questions.get(code)
        if question is None or organisation.pk not in by_org:
            continue
        kind = question.type
        peers = [
            s
            for o, s in by_org.items()
            if o in others and others[o].size_class == organisation.size_class
        ]
        everyone = [s for o, s in by_org.items() if o in others]
        named = [
            (others[o].name, _main_figure(kind, s, max(minimum_n, others[o].minimum_n)))
            for o, s in by_org.items()
            if o in others and others[o].named_in_benchmarks
        ]
        own = by_org[organisation.pk]
        result.append(
            PeerRow(
                code,
                question.text_nl,
                kind,
                _main_figure(kind, own, minimum_n),
                _pooled(kind, peers, minimum_n),
                len(peers),
                _pooled(kind, everyone, minimum_n),
                len(everyone),
                sorted(named),
                own,
                sum(peers, Sums()),
            )
        )
    result.sort(key=lambda r: (r.kind != "grade", r.code))
    return result
