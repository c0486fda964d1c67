"""The PDF report for the council and management, rendered with WeasyPrint.

The same figures as the screens (rollups, stored driver analyses), so a printed figure
never differs from the dashboard, and every figure goes through `Figure.display`, which
prints "te weinig reacties" for a suppressed one.
"""

from collections import Counter
from collections.abc import Callable

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from gehoord.catalog import query as catalog_query
from gehoord.tenancy.models import Organisation

from .. import benchmarks, driver_analysis, metrics
from ..charts import agreement as agreement_chart
from ..charts import common as chart_common
from ..charts import drivers as drivers_chart
from ..charts import trend as trend_chart
from ..metrics import Filters
from ..periods import Period
from .selection import filter_description
from .tables import ExportRefused

STEPS = 5


def _first(figures, indicator: str):
    return next((f for f in figures if f.indicator == indicator), None)


def provider_sections(organisation: Organisation, period: Period, filters: Filters) -> list:
    """Per service with providers: the area, then one row per provider with its grade,
    effort, strengths and weaknesses (questions significantly above or below the area)."""
    services = catalog_query.active_services(organisation).order_by("name")
    if filters.service_id:
        services = services.filter(pk=filters.service_id)
    names = dict(catalog_query.active_providers(organisation).values_list("pk", "name"))
    sections = []
    for service in services:
        comparison = benchmarks.provider_comparison(organisation, service.pk, period, names)
        if not comparison.providers:
            continue
        area_grade = _first(comparison.questions, "overall_grade")
        area_effort = _first(comparison.questions, "effort")
        rows = []
        for provider in comparison.providers:
            rows.append(
                {
                    "name": provider.name,
                    "grade": provider.figures.get(area_grade.question_id) if area_grade else None,
                    "effort": provider.figures.get(area_effort.question_id)
                    if area_effort
                    else None,
                    "strengths": provider.strengths,
                    "weaknesses": provider.weaknesses,
                }
            )
        sections.append(
            {"service": service, "grade": area_grade, "effort": area_effort, "rows": rows}
        )
    return sections


def report_context(
    organisation: Organisation,
    period: Period,
    filters: Filters,
    progress: Callable[[int, int], None],
) -> dict:
    progress(0, STEPS)
    headlines = metrics.headlines(organisation, period, filters)
    for headline in headlines:
        # The screen's spec, drawn to SVG by vl-convert for WeasyPrint (vega's SVG escapes
        # every text it draws).
        spec = trend_chart.monthly_trend(
            headline.trend, headline.indicator == "overall_grade", width=640, height=200
        )
        headline.chart_svg = mark_safe(chart_common.to_svg(spec))  # noqa: S308
    response_rate = metrics.response_rate(organisation, period, filters)
    progress(1, STEPS)
    previous = metrics.previous_period(period)
    figures = metrics.question_figures(organisation, period, filters, against=previous)
    if not figures:
        raise ExportRefused(
            _(
                "There are no responses for this selection, so there is "
                "nothing to report. Choose another period or fewer filters."
            )
        )
    texts = Counter(figure.text for figure in figures)
    agreement = agreement_chart.statements(figures, {t for t, c in texts.items() if c > 1})
    agreement_spec = agreement_chart.agreement_bars(agreement, width=640)
    agreement_svg = (
        mark_safe(chart_common.to_svg(agreement_spec))  # noqa: S308 - vega escapes its texts
        if agreement_spec
        else ""
    )
    progress(2, STEPS)
    providers = provider_sections(organisation, period, filters)
    progress(3, STEPS)
    drivers = driver_analysis.presented(organisation, period=period, filters=filters)
    if drivers["weights"]:
        matrix = drivers_chart.driver_matrix(drivers["weights"], width=420)
        drivers["matrix_svg"] = mark_safe(chart_common.to_svg(matrix))  # noqa: S308
    progress(4, STEPS)
    footer = f"{organisation.name} · {period.label}"
    return {
        # Printed in a CSS string (the page footer): no quotes, backslashes, markup or line
        # breaks of any kind (\r and \f end a CSS string as \n does).
        "footer": "".join(c for c in footer if c.isprintable() and c not in '"\\<>'),
        "organisation": organisation,
        "period": period,
        "previous": previous,
        "filters": filter_description(organisation, filters),
        "made_on": timezone.localdate(),
        "headlines": headlines,
        "response_rate": response_rate,
        "figures": figures,
        "agreement_svg": agreement_svg,
        "agreement_summary": agreement_chart.summary(agreement),
        "providers": providers,
        "drivers": drivers,
        "minimum_n": organisation.minimum_n,
        "window_months": settings.GEHOORD_ROLLING_WINDOW_MONTHS,
    }


def report_html(context: dict) -> str:
    return render_to_string("insights/exports/report.html", context)


def render_pdf(html: str) -> bytes:
    from weasyprint import HTML

    return HTML(string=html).write_pdf()
