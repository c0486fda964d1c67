"""The public results pages (no log-in), and their embeddable variant.

Embedding: only the `?insluiten=1` variant may be framed, by gehoord itself and by the
websites the organisation lists (Content-Security-Policy `frame-ancestors`); with none
listed, only by gehoord. It is exempt from the site-wide X-Frame-Options header, which
cannot name other sites. The page holds no forms and no session, so a frame cannot be
abused to make a visitor act.
"""

from csp.constants import SELF
from csp.decorators import csp_replace
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from gehoord.tenancy import query as tenancy_query

from . import query


def _organisation(slug: str):
    organisation = tenancy_query.organisation_by_slug(slug)
    if organisation is None or not query.published_services(organisation):
        raise Http404
    return organisation


def _embeddable(request: HttpRequest, response: HttpResponse, organisation) -> HttpResponse:
    if request.GET.get("insluiten") != "1":
        return response
    response.xframe_options_exempt = True
    origins = query.settings_of(organisation).origins()
    # The full policy, with only the framing rule opened up for the organisation's sites.
    allow_framing = csp_replace({"frame-ancestors": [SELF, *origins]})
    return allow_framing(lambda: response)()


def _context(request: HttpRequest, organisation, **extra) -> dict:
    return {
        "organisation": organisation,
        "embedded": request.GET.get("insluiten") == "1",
        "language": "nl",
        **extra,
    }


@login_not_required
def services(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(slug)
    published = [
        (service, query.service_key(service)) for service in query.published_services(organisation)
    ]
    response = render(
        request,
        "publication/public_services.html",
        _context(request, organisation, services=published),
    )
    return _embeddable(request, response, organisation)


@login_not_required
def service_results(request: HttpRequest, slug: str, code: str) -> HttpResponse:
    organisation = _organisation(slug)
    service = query.published_service(organisation, code)
    if service is None:
        raise Http404
    sort = request.GET.get("sorteer")
    sort = sort if sort in query.SORT_KEYS else "naam"
    results = query.public_results(organisation, service, sort)
    response = render(
        request,
        "publication/public_service.html",
        _context(
            request,
            organisation,
            service=service,
            results=results,
            sort=sort,
            code=query.service_key(service),
        ),
    )
    return _embeddable(request, response, organisation)
