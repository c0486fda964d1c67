"""The annual report: HTML for the screen and the public page, PDF by WeasyPrint."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from .figures import YearFigures, representation_rows, year_figures
from .models import StatutoryYear
from .service import deadline_of


def context(plan: StatutoryYear) -> dict:
    figures: YearFigures = year_figures(plan, weighted=None)
    # The report is what gets published: no provider strata for the Jeugdwet set.
    representation = representation_rows(figures.weighting, plan.law, public=True)
    return {
        "weighting": figures.weighting,
        "representation": representation,
        "under_represented": [row for row in representation if row.under],
        "public": True,
        "plan": plan,
        "figures": figures,
        "organisation": plan.organisation,
        "deadline": deadline_of(plan),
        "actions": list(plan.actions.order_by("title")),
        "minimum_n": plan.organisation.minimum_n,
    }


def render_html(plan: StatutoryYear, *, for_pdf: bool = False) -> str:
    with translation.override("nl"):
        return render_to_string("statutory/report.html", {**context(plan), "for_pdf": for_pdf})


def render_pdf(plan: StatutoryYear) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_html(plan, for_pdf=True)).write_pdf()
