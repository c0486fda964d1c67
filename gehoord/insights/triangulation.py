"""Triangulation: survey figures next to complaints and objections, per service and theme.

One row per service × theme with the survey grade, the agreement with the driver the theme
belongs to (when it maps to one; otherwise only the service's grade), the number of
complaints and objections coded with the theme, the share found well-founded, and the trend
against the period before. Rows where the sources disagree are marked and explained: a good
survey score while many complaints are found well-founded, or a poor score that no one
complains about.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gehoord.catalog import query as catalog_query
from gehoord.feedback import query as feedback_query
from gehoord.framework import query as framework_query
from gehoord.tenancy.models import Organisation

from . import metrics, multiplicity
from .figures import Figure
from .periods import Period

COMPLAINT, OBJECTION = "complaint", "objection"
GOOD_GRADE = 7.0
GOOD_AGREEMENT = 70.0
POOR_GRADE = 6.0
POOR_AGREEMENT = 50.0
# "Many well-founded complaints": at least this many, and at least half of those decided.
MANY_WELL_FOUNDED = 3


@dataclass
class Row:
    service_id: int
    service: str
    theme_code: str
    theme: str
    grade: Figure | None
    agreement: Figure | None
    complaints: int = 0
    objections: int = 0
    decided: int = 0
    well_founded: int = 0
    previous_signals: int = 0
    contradictions: list[str] = field(default_factory=list)

    @property
    def pct_well_founded(self) -> float | None:
        return round(100 * self.well_founded / self.decided, 1) if self.decided else None

    @property
    def signals(self) -> int:
        return self.complaints + self.objections

    @property
    def signal_trend(self) -> str:
        if self.signals > self.previous_signals:
            return _("more (%(before)s before)") % {"before": self.previous_signals}
        if self.signals < self.previous_signals:
            return _("fewer (%(before)s before)") % {"before": self.previous_signals}
        return _("the same")

    @property
    def score(self) -> Figure | None:
        """The survey figure this row is judged on: the driver's agreement, else the grade."""
        return self.agreement if self.agreement is not None else self.grade


def _good(row: Row) -> bool:
    score = row.score
    if score is None or not score.shown:
        return False
    return score.value >= (GOOD_AGREEMENT if score is row.agreement else GOOD_GRADE)


def _poor(row: Row) -> bool:
    score = row.score
    if score is None or not score.shown:
        return False
    return score.value < (POOR_AGREEMENT if score is row.agreement else POOR_GRADE)


def explain(row: Row) -> list[str]:
    """Plain-language reasons why the sources disagree in this row (empty: they agree)."""
    reasons = []
    many = row.well_founded >= MANY_WELL_FOUNDED and (row.pct_well_founded or 0) >= 50
    if _good(row) and many:
        reasons.append(
            _(
                "Residents score this well in the survey (%(score)s), but %(n)s complaints or "
                "objections about it were found well-founded. Look at what goes wrong in "
                "those cases."
            )
            % {"score": row.score.display, "n": row.well_founded}
        )
    if _poor(row) and row.signals == 0:
        reasons.append(
            _(
                "Residents score this poorly in the survey (%(score)s), but nobody complained "
                "about it. Dissatisfied residents may not know how to complain, or not bother."
            )
            % {"score": row.score.display}
        )
    return reasons


def _figures_by_service(
    organisation: Organisation, period: Period, service_ids: list[int]
) -> dict[int, dict[str, Figure]]:
    """Per service: "grade" and every driver code → its main figure, tested against the
    period before.

    Three queries whatever the number of services: the rollups of both periods summed per
    service and question, and the questions."""
    if not service_ids:
        return {}

    def sums_by_service_and_question(of: Period) -> dict[tuple[int, int], metrics.Sums]:
        rows = metrics.figure_rows(organisation, of).filter(service_id__in=service_ids)
        return {
            (row["service_id"], row["question_id"]): metrics.Sums.of(row)
            for row in metrics.summed(rows, "service_id", "question_id")
        }

    now = sums_by_service_and_question(period)
    before = sums_by_service_and_question(metrics.previous_period(period))
    questions = framework_query.questions_by_id({question_id for _, question_id in now})
    figures = []
    for (service_id, question_id), sums in now.items():
        figure = metrics.to_figure(questions[question_id], sums, organisation.minimum_n)
        figure.against = before.get((service_id, question_id), metrics.Sums())
        figures.append((service_id, figure))
    # The order of metrics.question_figures, so that the first grade question (and the
    # first question of each driver) wins as before.
    figures.sort(
        key=lambda item: (item[1].indicator != "overall_grade", item[1].type, item[1].code)
    )
    result: dict[int, dict[str, Figure]] = {service_id: {} for service_id in service_ids}
    for service_id, figure in figures:
        if figure.indicator == "overall_grade":
            result[service_id].setdefault("grade", figure.main)
        elif figure.driver and figure.type == "agreement":
            result[service_id].setdefault(figure.driver, figure.main)
    # One family: the figures the table shows, each tested against the period before.
    multiplicity.control(
        {id(f): f for by_code in result.values() for f in by_code.values()}.values()
    )
    return result


def rows(organisation: Organisation, period: Period, service_id: int | None = None) -> list[Row]:
    """The table, contradictions first; `service_id` narrows it to one service."""
    previous = metrics.previous_period(period)
    now = feedback_query.signal_counts_by_theme(organisation, start=period.start, end=period.end)
    before = feedback_query.signal_counts_by_theme(
        organisation, start=previous.start, end=previous.end
    )
    services = {
        s.pk: s.name
        for s in catalog_query.active_services(organisation)
        if service_id is None or s.pk == service_id
    }
    themes = {t.code: t.name for t in feedback_query.themes(organisation)}
    figures = _figures_by_service(organisation, period, list(services))
    table: dict[tuple[int, str], Row] = {}
    for service_id, service_name in services.items():
        service_figures = figures.get(service_id, {})
        for code, name in themes.items():
            driver = feedback_query.DRIVER_OF_THEME.get(code)
            table[(service_id, code)] = Row(
                service_id,
                service_name,
                code,
                name,
                grade=service_figures.get("grade"),
                agreement=service_figures.get(driver) if driver else None,
            )
    previous_counts: dict[tuple[int, str], int] = defaultdict(int)
    for count in before:
        if count["kind"] in (COMPLAINT, OBJECTION):
            previous_counts[(count["service_id"], count["theme_code"])] += count["count"]
    for count in now:
        row = table.get((count["service_id"], count["theme_code"]))
        if row is None or count["kind"] not in (COMPLAINT, OBJECTION):
            continue
        if count["kind"] == COMPLAINT:
            row.complaints += count["count"]
        else:
            row.objections += count["count"]
        row.decided += count["decided"]
        row.well_founded += count["well_founded"]
    result = []
    for key, row in table.items():
        row.previous_signals = previous_counts.get(key, 0)
        row.contradictions = explain(row)
        if row.signals or row.previous_signals or row.agreement is not None:
            result.append(row)
    return sorted(result, key=lambda r: (not r.contradictions, r.service, r.theme))
