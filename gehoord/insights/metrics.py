"""Figures per question for a period and filters, read from the rollups.

Screens ask for one period (rolling window, month or quarter) and optional filters; each
function here runs one grouped query over `FigureRollup`, so its cost depends on the number
of service × provider × team × channel combinations, never on the number of responses.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from django.db.models import QuerySet, Sum

from gehoord.framework import query as framework_query
from gehoord.framework.question_types import QuestionType
from gehoord.outreach import query as outreach_query
from gehoord.surveys.models import Channel as ResponseChannel
from gehoord.tenancy.models import Organisation

from . import disclosure, multiplicity, periods
from .figures import Figure, mean_figure, share_figure
from .models import FigureRollup, Grain, SegmentRollup
from .periods import Period
from .stats import (
    Comparison,
    MeanSums,
    ShareCounts,
    Verdict,
    compare_mean_to_rest,
    compare_means,
    compare_proportion_to_rest,
    compare_proportions,
)

SUM_FIELDS = ("n", "total", "total_sq", "favourable", "not_applicable", "unfavourable")
HEADLINE_INDICATORS = ("overall_grade", "effort", "trust")

# Whether a figure is reported as a mean or as a share of favourable answers is decided
# here and nowhere else (screens, the board, effects, benchmarks and the public site ask).
MEAN, SHARE = "mean", "share"
# Question types whose main figure is a percentage rather than an average.
SHARE_TYPES = frozenset({QuestionType.AGREEMENT, QuestionType.YES_NO})
GRADE_INDICATOR = "overall_grade"


@dataclass(frozen=True)
class Filters:
    questionnaire_id: int | None = None
    service_id: int | None = None
    provider_id: int | None = None
    team_id: int | None = None
    channel: str = ""
    # Left out whatever else is asked: the Jeugdwet guard of the publication paths.
    exclude_questionnaire_ids: frozenset[int] = frozenset()

    def apply(self, rows: QuerySet) -> QuerySet:
        for name in ("questionnaire_id", "service_id", "provider_id", "team_id"):
            value = getattr(self, name)
            if value is not None:
                rows = rows.filter(**{name: value})
        if self.channel:
            rows = rows.filter(channel=self.channel)
        if self.exclude_questionnaire_ids:
            rows = rows.exclude(questionnaire_id__in=sorted(self.exclude_questionnaire_ids))
        return rows

    def as_dict(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if v not in (None, "", frozenset())}


@dataclass(frozen=True)
class Sums:
    mean: MeanSums = field(default_factory=MeanSums)
    share: ShareCounts = field(default_factory=ShareCounts)
    not_applicable: int = 0
    # Disagreement (1–2) or "no": with `share.successes`, the two sides of a diverging bar.
    unfavourable: int = 0

    @classmethod
    def of(cls, row: dict) -> "Sums":
        return cls(
            MeanSums(row["n"] or 0, row["total"] or 0.0, row["total_sq"] or 0.0),
            ShareCounts(row["n"] or 0, row["favourable"] or 0),
            row["not_applicable"] or 0,
            row.get("unfavourable") or 0,
        )

    def __add__(self, other: "Sums") -> "Sums":
        return Sums(
            self.mean + other.mean,
            self.share + other.share,
            self.not_applicable + other.not_applicable,
            self.unfavourable + other.unfavourable,
        )


def kind_of_question(question_type: str) -> str:
    """Agreement and yes/no questions report the share of favourable answers; a grade or
    another number reports its mean."""
    return SHARE if question_type in SHARE_TYPES else MEAN


def kind_of_indicator(indicator_code: str) -> str:
    """The grade indicator is an average; every other indicator (effort, trust, …) is
    measured by agreement items and reported as the share of favourable answers."""
    return MEAN if indicator_code == GRADE_INDICATOR else SHARE


def figure_of(
    kind: str,
    sums: Sums,
    minimum_n: int,
    against: Sums | None = None,
    *,
    against_includes_self: bool = False,
    against_units: int | None = None,
) -> Figure:
    """The mean or share figure of pooled sums, tested against `against` when given
    (`against_includes_self`: `against` contains these answers too, e.g. a provider's area;
    `against_units`: how many providers or organisations the comparator pools).

    What may be shown of the test follows `disclosure.comparator_rule`: nothing against a
    hidden comparator, no statistics against a single unit."""
    if kind == SHARE:
        figure = share_figure(sums.share, minimum_n)
    else:
        figure = mean_figure(sums.mean, minimum_n)
    if against is None:
        return figure
    comparator_n = against.mean.n - (sums.mean.n if against_includes_self else 0)
    rule = disclosure.comparator_rule(comparator_n, minimum_n, against_units)
    if kind == SHARE:
        test = compare_proportion_to_rest if against_includes_self else compare_proportions
        comparison = test(sums.share, against.share)
    else:
        test = compare_mean_to_rest if against_includes_self else compare_means
        comparison = test(sums.mean, against.mean)
    if not rule.testable:
        comparison = Comparison(Verdict.NOT_TESTABLE, None, None, None, comparison.test)
    figure.comparison = comparison
    figure.statistics_shown = rule.statistics
    return figure


@dataclass
class QuestionFigure:
    """One question's figures. The mean and the share are computed when first read (a page
    shows one of them per question), each tested against `against` when that is set."""

    question_id: int
    code: str
    text: str
    type: str
    driver: str
    indicator: str
    sums: Sums
    minimum_n: int
    # The question's standard set as people read it; tells apart questions sharing a text.
    set_label: str = ""
    against: Sums | None = None
    # True when `against` includes this figure's own answers (a provider vs its area).
    against_includes_self: bool = False
    # How many providers the comparator pools (a provider's rest of the area).
    against_units: int | None = None
    # Hidden by secondary suppression (`disclosure.complementary`), whatever its n.
    complementary: bool = False

    def _figure(self, kind: str) -> Figure:
        figure = figure_of(
            kind,
            self.sums,
            self.minimum_n,
            self.against,
            against_includes_self=self.against_includes_self,
            against_units=self.against_units,
        )
        if self.complementary:
            figure.hide(complementary=True)
        return figure

    @cached_property
    def mean(self) -> Figure:
        return self._figure(MEAN)

    @cached_property
    def share(self) -> Figure:
        return self._figure(SHARE)

    @property
    def rest_may_be_shown(self) -> bool:
        """Whether the unit behind this figure may see the area and its test against the
        rest (`disclosure.rest_may_be_shown`); only for a figure tested against its area."""
        if self.against is None or not self.against_includes_self:
            return False
        rest_n = self.against.mean.n - self.sums.mean.n
        return disclosure.rest_may_be_shown(rest_n, self.against_units or 0, self.minimum_n)

    @property
    def not_applicable(self) -> int | None:
        """The "don't know / n.a." count, only beside a figure that is shown."""
        return self.sums.not_applicable if self.main.shown else None

    @property
    def main(self) -> Figure:
        return self.share if kind_of_question(self.type) == SHARE else self.mean

    @cached_property
    def disagreement(self) -> Figure:
        """The share that disagrees (1–2) or says no, with its interval: the other side
        of the diverging bar. Hidden whenever the main figure is."""
        figure = share_figure(
            ShareCounts(self.sums.share.n, self.sums.unfavourable), self.minimum_n
        )
        if not self.main.shown:
            figure.hide(complementary=self.main.complementary)
        return figure


def figure_rows(
    organisation: Organisation | None, period: Period, filters: Filters = Filters()
) -> QuerySet:
    """The rollup rows that make up `period` (one organisation, or all when None)."""
    rows = FigureRollup.objects.all()
    if organisation is not None:
        rows = rows.filter(organisation=organisation)
    if period.kind == "window":
        grain = Grain.WINDOW if period.end >= periods.today() else Grain.PREVIOUS_WINDOW
        rows = rows.filter(grain=grain)
    else:
        rows = rows.filter(grain=Grain.MONTH, period_start__in=period.months)
    return filters.apply(rows)


def summed(rows: QuerySet, *keys: str) -> list[dict]:
    return list(rows.values(*keys).annotate(**{f: Sum(f) for f in SUM_FIELDS}).order_by())


def sums_by_question(rows: QuerySet) -> dict[int, Sums]:
    return {row["question_id"]: Sums.of(row) for row in summed(rows, "question_id")}


def to_figure(question, sums: Sums, minimum_n: int) -> QuestionFigure:
    return QuestionFigure(
        question_id=question.pk,
        code=question.code,
        text=question.text_nl,
        type=question.type,
        driver=question.driver.code if question.driver_id else "",
        indicator=question.indicator.code if question.indicator_id else "",
        sums=sums,
        minimum_n=minimum_n,
        set_label=framework_query.standard_set_label(question.standard_set),
    )


def hidden_for_provider(
    organisation: Organisation, period: Period, filters: Filters, question_ids
) -> set[int]:
    """The questions whose figure for `filters.provider_id` is hidden on the providers
    screen (in any service when no service is chosen), so that a screen filtered on one
    provider never shows a figure that the area, minus the shown providers, protects.
    One grouped query."""
    siblings = Filters(**{**filters.__dict__, "provider_id": None})
    rows = figure_rows(organisation, period, siblings).filter(
        provider_id__isnull=False, question_id__in=list(question_ids)
    )
    by_service: dict[int, dict[int, dict[int, Sums]]] = {}
    for row in summed(rows, "service_id", "provider_id", "question_id"):
        by_provider = by_service.setdefault(row["service_id"], {})
        by_provider.setdefault(row["provider_id"], {})[row["question_id"]] = Sums.of(row)
    result: set[int] = set()
    for by_provider in by_service.values():
        sizes = {p: {q: s.mean.n for q, s in own.items()} for p, own in by_provider.items()}
        for question_id, hidden in disclosure.hidden_per_total(
            sizes, organisation.minimum_n
        ).items():
            if filters.provider_id in hidden:
                result.add(question_id)
    return result


def question_figures(
    organisation: Organisation,
    period: Period,
    filters: Filters = Filters(),
    *,
    against: Period | None = None,
) -> list[QuestionFigure]:
    """Every question with answers in the period, optionally tested against another period."""
    sums = sums_by_question(figure_rows(organisation, period, filters))
    other = sums_by_question(figure_rows(organisation, against, filters)) if against else {}
    questions = framework_query.questions_by_id(sums)
    hidden = (
        hidden_for_provider(organisation, period, filters, sums)
        if filters.provider_id is not None
        else set()
    )
    result = []
    for question_id, question_sums in sums.items():
        figure = to_figure(questions[question_id], question_sums, organisation.minimum_n)
        if against is not None:
            figure.against = other.get(question_id, Sums())
        figure.complementary = question_id in hidden and not disclosure.below_minimum(
            question_sums.mean.n, organisation.minimum_n
        )
        result.append(figure)
    if against is not None:
        # One family: every item the screen tests against the other period.
        multiplicity.control(f.main for f in result)
    return sorted(result, key=lambda f: (f.indicator != "overall_grade", f.type, f.code))


def previous_period(period: Period) -> Period:
    if period.kind == "window":
        return Period("window", *periods.previous_window(period.end))
    if period.kind == "month":
        start = periods.add_months(period.start, -1)
        return periods.month(start.year, start.month)
    start = periods.add_months(period.start, -3)
    return periods.quarter(start.year, (start.month - 1) // 3 + 1)


@dataclass
class Headline:
    label: str
    indicator: str
    figure: Figure
    trend: list[tuple[date, Figure]]


def headlines(organisation: Organisation, period: Period, filters: Filters) -> list[Headline]:
    """Grade, effort and trust: figure, change against the period before, 12-month trend.

    Four queries whatever the number of indicators: their questions, the two periods, and
    the months of the trend.
    """
    ids_by_indicator = framework_query.questions_by_indicator(organisation, HEADLINE_INDICATORS)
    all_ids = [i for ids in ids_by_indicator.values() for i in ids]
    if not all_ids:
        return []
    now = sums_by_question(
        figure_rows(organisation, period, filters).filter(question_id__in=all_ids)
    )
    earlier = sums_by_question(
        figure_rows(organisation, previous_period(period), filters).filter(question_id__in=all_ids)
    )
    trend = monthly_by_question(organisation, all_ids, filters, end=period.end)
    hidden = (
        hidden_for_provider(organisation, period, filters, now)
        if filters.provider_id is not None
        else set()
    )
    result = []
    for indicator in HEADLINE_INDICATORS:
        ids = ids_by_indicator.get(indicator, [])
        if not any(i in now for i in ids):
            continue
        total = sum((now[i] for i in ids if i in now), Sums())
        before = sum((earlier[i] for i in ids if i in earlier), Sums())
        kind = kind_of_indicator(indicator)
        figure = figure_of(kind, total, organisation.minimum_n, before)
        if figure.shown and hidden & set(ids):
            figure.hide(complementary=True)
        months = [
            (month, sum((by_question.get(i, Sums()) for i in ids), Sums()))
            for month, by_question in trend
        ]
        result.append(
            Headline(
                indicator_label(indicator),
                indicator,
                figure,
                [(month, figure_of(kind, s, organisation.minimum_n)) for month, s in months],
            )
        )
    multiplicity.control(h.figure for h in result)
    return result


def indicator_sums(
    organisation: Organisation, indicator_codes, period: Period, filters: Filters = Filters()
) -> dict[str, Sums]:
    """Pooled sums per indicator in two queries, however many indicators are asked for."""
    ids_by_indicator = framework_query.questions_by_indicator(organisation, indicator_codes)
    all_ids = [i for ids in ids_by_indicator.values() for i in ids]
    if not all_ids:
        return {}
    by_question = sums_by_question(
        figure_rows(organisation, period, filters).filter(question_id__in=all_ids)
    )
    return {
        code: sum((by_question[i] for i in ids if i in by_question), Sums())
        for code, ids in ids_by_indicator.items()
    }


def monthly_by_question(
    organisation: Organisation,
    question_ids: list[int],
    filters: Filters,
    months: int = 12,
    end: date | None = None,
) -> list[tuple[date, dict[int, Sums]]]:
    """Sums per calendar month and question, oldest month first."""
    last = periods.month_start(end or periods.today())
    starts = [periods.add_months(last, -back) for back in range(months - 1, -1, -1)]
    rows = filters.apply(
        FigureRollup.objects.filter(
            organisation=organisation,
            grain=Grain.MONTH,
            period_start__in=starts,
            question_id__in=question_ids,
        )
    )
    found: dict[date, dict[int, Sums]] = {start: {} for start in starts}
    for row in summed(rows, "period_start", "question_id"):
        found[row["period_start"]][row["question_id"]] = Sums.of(row)
    return list(found.items())


def indicator_label(code: str) -> str:
    from django.utils.translation import gettext as _

    return {"overall_grade": _("Grade"), "effort": _("Little effort"), "trust": _("Trust")}.get(
        code, code
    )


def response_rate(
    organisation: Organisation, period: Period, filters: Filters = Filters()
) -> Figure:
    """Answered of the invitations delivered in the period, narrowed by every filter."""
    # An invitation is answered through its survey link, on the web (surveys.submit); a
    # response by phone, on paper or at the desk was not invited, so none counts there.
    if filters.channel and filters.channel != ResponseChannel.WEB:
        return share_figure(ShareCounts(0, 0), organisation.minimum_n)
    start, end = period.bounds
    sent, answered = outreach_query.response_counts(
        organisation,
        start,
        end,
        filters.questionnaire_id,
        service_id=filters.service_id,
        provider_id=filters.provider_id,
        team_id=filters.team_id,
    )
    return share_figure(ShareCounts(sent, answered), organisation.minimum_n)


def segment_figures(
    organisation: Organisation,
    period: Period,
    dimension: str,
    question_ids: list[int],
    filters: Filters = Filters(),
) -> list[tuple[str, Figure, Figure]]:
    """Per value of one segment attribute: the mean and share of the given questions,
    narrowed by every filter (questionnaire, service, provider, team, channel)."""
    rows = SegmentRollup.objects.filter(
        organisation=organisation, dimension=dimension, question_id__in=question_ids
    )
    if period.kind == "window":
        rows = rows.filter(
            grain=Grain.WINDOW if period.end >= periods.today() else Grain.PREVIOUS_WINDOW
        )
    else:
        rows = rows.filter(grain=Grain.MONTH, period_start__in=period.months)
    rows = filters.apply(rows)
    found = sorted(summed(rows, "value"), key=lambda r: r["value"])
    # The values add up to the total shown beside them: secondary suppression as for
    # providers, or the total minus the shown values gives a hidden one back.
    _primary, secondary = disclosure.complementary(
        {row["value"]: row["n"] or 0 for row in found}, organisation.minimum_n
    )
    result = []
    for row in found:
        sums = Sums.of(row)
        figures = (
            mean_figure(sums.mean, organisation.minimum_n),
            share_figure(sums.share, organisation.minimum_n),
        )
        if row["value"] in secondary:
            for figure in figures:
                figure.hide(complementary=True)
        result.append((row["value"], *figures))
    return result
