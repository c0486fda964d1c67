"""The organisation's public page of statutory results (no log-in): closed, published
years only, organisation-level figures only (never per provider)."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gehoord.tenancy import query as tenancy_query

from . import query, report


@login_not_required
def public_years(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = tenancy_query.organisation_by_slug_or_404(slug)
    years = list(query.published_years(organisation))
    if not years:
        raise Http404
    return render(
        request,
        "statutory/public_years.html",
        {"organisation": organisation, "years": years, "language": "nl"},
    )


def _published(slug: str, law: str, year: int):
    organisation = tenancy_query.organisation_by_slug_or_404(slug)
    plan = query.published_years(organisation).filter(law=law, year=year).first()
    if plan is None:
        raise Http404
    return plan


@login_not_required
def public_report(request: HttpRequest, slug: str, law: str, year: int) -> HttpResponse:
    plan = _published(slug, law, year)
    return render(
        request,
        "statutory/public_report.html",
        {**report.context(plan), "language": "nl"},
    )


@login_not_required
def public_report_pdf(request: HttpRequest, slug: str, law: str, year: int) -> HttpResponse:
    plan = _published(slug, law, year)
    response = HttpResponse(report.render_pdf(plan), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="jaarverslag-{plan.law}-{plan.year}.pdf"'
    return response
