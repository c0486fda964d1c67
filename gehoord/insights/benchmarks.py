"""Comparisons: each provider against the area, and an organisation against its peers.

Both read only rollups (sums), never answers: a peer's aggregate can therefore never reveal
a respondent, and an organisation sees other organisations only as a pooled figure.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from gehoord.framework import query as framework_query
from gehoord.tenancy.models import Organisation

from . import disclosure, multiplicity, periods
from .figures import Figure
from .metrics import (
    Filters,
    QuestionFigure,
    Sums,
    figure_of,
    figure_rows,
    kind_of_indicator,
    kind_of_question,
    summed,
    to_figure,
)
from .models import FigureRollup, Grain
from .periods import Period
from .stats import Verdict

# A pooled peer figure from fewer organisations than this could single one out.
MINIMUM_PEERS = disclosure.MINIMUM_ORGANISATIONS


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
    """Mean of the shown provider figures: every provider counts once, whatever its n.

    Only shown providers take part (the screen says so): with a hidden provider inside,
    the unweighted mean times the number of providers minus the shown values would give
    the hidden provider's figure back."""
    if not values:
        return Figure(kind, 0, None, None, None, suppressed=True)
    return Figure(kind, len(values), sum(values) / len(values), None, None, suppressed=False)


def provider_comparison(
    organisation: Organisation,
    service_id: int,
    period: Period,
    provider_names: dict[int, str],
    exclude_questionnaire_ids: frozenset[int] = frozenset(),
) -> ProviderComparison:
    filters = Filters(service_id=service_id, exclude_questionnaire_ids=exclude_questionnaire_ids)
    rows = figure_rows(organisation, period, filters).filter(provider_id__isnull=False)
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
    hidden = disclosure.hidden_per_total(
        {p: {q: s.mean.n for q, s in own.items()} for p, own in by_provider.items()}, minimum_n
    )
    units = {q: sum(q in own for own in by_provider.values()) for q in area}
    providers = []
    main_values: dict[int, list[float]] = defaultdict(list)
    figures_by_provider: dict[int, dict[int, QuestionFigure]] = {}
    for provider_id, own in by_provider.items():
        figures = figures_by_provider[provider_id] = {}
        for question_id, sums in own.items():
            figure = to_figure(questions[question_id], sums, minimum_n)
            figure.against, figure.against_includes_self = area[question_id], True
            figure.against_units = units[question_id] - 1
            figure.complementary = provider_id in hidden[question_id] and sums.mean.n >= minimum_n
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


# What makes two organisations' questions the same for a benchmark: the same standard-set
# item with the same type and scale. The code alone is not enough: a local question may
# reuse a standard item's code for another question or scale.
IDENTITY = (
    "question__standard_set",
    "question__code",
    "question__type",
    "question__min_value",
    "question__max_value",
)


def _identity(question) -> tuple:
    return (
        question.standard_set,
        question.code,
        question.type,
        question.min_value,
        question.max_value,
    )


def _protect(
    size_class: Figure,
    everyone: Figure,
    named: list[tuple[int, str, Figure]],
    members: dict[str, dict[int, Sums]],
    minimum_n: int,
) -> None:
    """Hide every pool whose difference with the shown groups inside it is too small
    (`disclosure.complement_hidden`): "all organisations" minus "same size class" would
    otherwise show the other classes, and a pool minus a named organisation the rest."""
    groups = [
        disclosure.Group(
            name,
            frozenset(parts),
            sum(s.mean.n for s in parts.values()),
            {o: s.mean.n for o, s in parts.items()},
        )
        for name, parts in members.items()
    ] + [
        disclosure.Group(f"named:{o}", frozenset({o}), figure._n, {o: figure._n}, named=True)
        for o, _name, figure in named
        if figure.shown
    ]
    hidden = disclosure.complement_hidden(groups, minimum_n)
    for name, figure in (("size_class", size_class), ("everyone", everyone)):
        if name in hidden and figure.shown:
            figure.hide(complementary=True)


def peer_benchmark(organisation: Organisation, period: Period) -> list[PeerRow]:
    """Own figures beside the pooled figures of the same size class and of everyone.

    Only the same standard-set item with the same type and scale is pooled across
    organisations (`IDENTITY`); a local question is never pooled. Only organisations that
    opted in are named, each with its own figure; a pool is hidden when it, minus the other
    groups shown inside it, leaves fewer than three organisations or the minimum n.
    """
    own_questions = {
        _identity(q): q for q in framework_query.bank(organisation).exclude(standard_set="")
    }
    rows = figure_rows(None, period).exclude(question__standard_set="")
    per_question: dict[tuple, dict[int, Sums]] = defaultdict(dict)
    for row in summed(rows, "organisation_id", *IDENTITY):
        per_question[tuple(row[key] for key in IDENTITY)][row["organisation_id"]] = Sums.of(row)
    others = {o.pk: o for o in Organisation.objects.exclude(pk=organisation.pk)}
    minimum_n = organisation.minimum_n
    result = []
    for identity, by_org in per_question.items():
        question = own_questions.get(identity)
        if question is None or organisation.pk not in by_org:
            continue
        kind = question.type
        everyone = {o: s for o, s in by_org.items() if o in others}
        peers = {
            o: s for o, s in everyone.items() if others[o].size_class == organisation.size_class
        }
        named = [
            (o, others[o].name, _main_figure(kind, s, max(minimum_n, others[o].minimum_n)))
            for o, s in everyone.items()
            if others[o].named_in_benchmarks
        ]
        size_class_figure = _pooled(kind, list(peers.values()), minimum_n)
        everyone_figure = _pooled(kind, list(everyone.values()), minimum_n)
        _protect(
            size_class_figure,
            everyone_figure,
            named,
            {"size_class": peers, "everyone": everyone},
            minimum_n,
        )
        own = by_org[organisation.pk]
        result.append(
            PeerRow(
                question.code,
                question.text_nl,
                kind,
                _main_figure(kind, own, minimum_n),
                size_class_figure,
                len(peers),
                everyone_figure,
                len(everyone),
                sorted((name, figure) for _o, name, figure in named),
                own,
                sum(peers.values(), Sums()),
            )
        )
    result.sort(key=lambda r: (r.kind != "grade", r.code))
    return result


@dataclass
class PortalMonth:
    month: date
    own: Figure
    area: Figure  # hidden when it would show the provider the rest of the area


def portal_trend(
    organisation: Organisation,
    service_id: int,
    provider_id: int,
    indicator_code: str,
    months: int = 12,
    exclude_questionnaire_ids: frozenset[int] = frozenset(),
) -> list[PortalMonth]:
    """A provider's monthly figure beside its area (all providers of the service), oldest
    first. The provider knows its own figure, so the area is shown only when the rest of it
    is at least two other providers with the minimum n (`disclosure.rest_may_be_shown`).
    One query over the months."""
    question_ids = framework_query.questions_measuring(organisation, indicator_code)
    last = periods.month_start(periods.today())
    starts = [periods.add_months(last, -back) for back in range(months - 1, -1, -1)]
    rows = FigureRollup.objects.filter(
        organisation=organisation,
        grain=Grain.MONTH,
        period_start__in=starts,
        question_id__in=question_ids,
        service_id=service_id,
        provider_id__isnull=False,
    ).exclude(questionnaire_id__in=sorted(exclude_questionnaire_ids))
    found: dict[date, dict[int, Sums]] = {start: defaultdict(Sums) for start in starts}
    for row in summed(rows, "period_start", "provider_id"):
        found[row["period_start"]][row["provider_id"]] += Sums.of(row)
    kind = kind_of_indicator(indicator_code)
    minimum_n = organisation.minimum_n
    result = []
    for start, by_provider in found.items():
        own = by_provider.get(provider_id, Sums())
        area = sum(by_provider.values(), Sums())
        area_figure = figure_of(kind, area, minimum_n)
        others = sum(1 for p, s in by_provider.items() if p != provider_id and s.mean.n)
        if not disclosure.rest_may_be_shown(area.mean.n - own.mean.n, others, minimum_n):
            area_figure.hide(complementary=area_figure.shown)
        result.append(PortalMonth(start, figure_of(kind, own, minimum_n), area_figure))
    return result
