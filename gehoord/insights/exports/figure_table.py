"""The figures export: per question the figure of the period, tested against the period
before, and with a service chosen, each provider's figures beside the area.

Suppression is decided by `Figure` (insights.figures, with the rules of
insights.disclosure): of a suppressed figure the n, value, interval, percentage, "n.v.t."
count and verdict stay empty and the column `onderdrukt` says "ja"; values carry the
digits of the screen, no more.
"""

from collections.abc import Callable

from django.utils.translation import gettext as _

from gehoord.catalog import query as catalog_query
from gehoord.framework.question_types import QuestionType
from gehoord.tenancy.models import Organisation

from .. import benchmarks, metrics
from ..metrics import Filters, QuestionFigure
from ..periods import Period
from .tables import Column, ExportRefused, Kind, Table


def columns() -> list[Column]:
    return [
        Column("niveau", _("Level: the organisation, the area of a service, or a provider")),
        Column("vergeleken_met", _("Compared with")),
        Column("code", _("Question code")),
        Column("vraag", _("Question")),
        Column(
            "type", _("Question type"), value_labels={k: str(v) for k, v in QuestionType.choices}
        ),
        Column("n", _("Number of valid answers"), Kind.NUMBER, measure="scale"),
        Column(
            "waarde",
            _("Result: average, or percentage for agreement and yes/no"),
            Kind.NUMBER,
            measure="scale",
        ),
        Column("ci_laag", _("95% interval, lower bound"), Kind.NUMBER, measure="scale"),
        Column("ci_hoog", _("95% interval, upper bound"), Kind.NUMBER, measure="scale"),
        Column(
            "pct_eens",
            _("Percentage (strongly) agree, yes, or grade 6 or higher"),
            Kind.NUMBER,
            measure="scale",
        ),
        Column(
            "nvt",
            _("Number of answers “don't know / not applicable”"),
            Kind.NUMBER,
            measure="scale",
        ),
        Column("oordeel", _("Difference with what it is compared with")),
        Column(
            "onderdrukt",
            _("Suppressed: fewer responses than the minimum"),
            value_labels={"ja": _("yes"), "nee": _("no")},
        ),
    ]


def figure_row(level: str, compared_with: str, figure: QuestionFigure) -> list:
    main = figure.main
    shown = main.shown
    as_dict = main.as_dict()  # rounded to the digits of the screen
    share = figure.share.as_dict()
    return [
        level,
        compared_with,
        figure.code,
        figure.text,
        figure.type,
        as_dict["n"],
        as_dict["value"],
        as_dict["ci_low"],
        as_dict["ci_high"],
        share["value"] if shown else None,
        figure.not_applicable,
        main.verdict_words or None,
        "nee" if shown else "ja",
    ]


def figures_table(
    organisation: Organisation,
    period: Period,
    filters: Filters,
    progress: Callable[[int, int], None],
) -> Table:
    steps = 2 if filters.service_id else 1
    progress(0, steps)
    previous = metrics.previous_period(period)
    rows = [
        figure_row(
            _("Organisation"), _("previous period: %(period)s") % {"period": previous.label}, figure
        )
        for figure in metrics.question_figures(organisation, period, filters, against=previous)
    ]
    if not rows:
        raise ExportRefused(
            _(
                "There are no responses for this selection, so there are no "
                "figures to export. Choose another period or fewer filters."
            )
        )
    progress(1, steps)
    if filters.service_id:
        names = dict(catalog_query.active_providers(organisation).values_list("pk", "name"))
        comparison = benchmarks.provider_comparison(organisation, filters.service_id, period, names)
        area = _("Area (all providers of the service)")
        rows += [figure_row(area, "", figure) for figure in comparison.questions]
        for provider in comparison.providers:
            rows += [
                figure_row(provider.name, area, figure)
                for figure in sorted(
                    provider.figures.values(),
                    key=lambda f: (f.indicator != "overall_grade", f.type, f.code),
                )
            ]
        progress(2, steps)
    return Table(columns(), rows, sheet_title="Cijfers")
