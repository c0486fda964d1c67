"""The provider portal: a provider user sees their own provider, and nothing else.

No route takes a provider id: the provider comes from the user's membership only, so there
is no address to change to reach another provider's figures.
"""

from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from gehoord.feedback import query as feedback_query
from gehoord.insights import query as insights_query
from gehoord.tenancy.roles import Capability, role_has
from gehoord.tenancy.scoping import require_capability

from . import query, service

MAX_QUOTES = 20


def portal(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    if membership is not None and role_has(membership.role, Capability.VIEW_INSIGHTS):
        # Staff read the same figures, for every provider, on the results screens.
        return redirect("insights:providers")
    membership = require_capability(request, Capability.VIEW_PROVIDER_PORTAL)
    organisation = request.organisation
    provider = service.provider_for_portal(membership)
    if provider is None:
        return render(request, "publication/portal.html", {"provider": None})
    sections = query.portal(organisation, provider)
    window = insights_query.rolling_window()
    # Open answers only when the provider has enough responses: with a handful, a text
    # could point at one resident.
    enough = any(s.row and s.row.grade.shown for s in sections)
    quotes = []
    if enough:
        quotes = list(
            feedback_query.masked_open_texts(
                organisation,
                start=window.start,
                end=window.end,
                provider_id=provider.pk,
                newest=MAX_QUOTES,
            )
        )
    follow_ups = list(
        feedback_query.follow_ups_of_provider(organisation, provider.pk).filter(
            created_at__date__gte=window.start - timedelta(days=1)
        )[:50]
    )
    return render(
        request,
        "publication/portal.html",
        {
            "provider": provider,
            "sections": sections,
            "quotes": quotes,
            "enough": enough,
            "follow_ups": follow_ups,
            "window": window,
            "minimum_n": organisation.minimum_n,
        },
    )
