"""The subscriber's own digest settings, and the digest as PDF for the intranet."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gehoord.catalog import query as catalog_query
from gehoord.insights import query as insights_query
from gehoord.tenancy.roles import Capability
from gehoord.tenancy.scoping import require_capability

from . import digest, query, service
from .forms import DigestSubscriptionForm


def subscription(request: HttpRequest) -> HttpResponse:
    require_capability(request, Capability.RECEIVE_DIGEST)
    catalog_query.require_whole_organisation(request)
    organisation = request.organisation
    current = query.subscription_of(organisation, request.user)
    form = DigestSubscriptionForm(
        request.POST or None,
        instance=current,
        organisation=organisation,
        initial={} if current else {"active": True},
    )
    if request.method == "POST" and form.is_valid():
        service.save_subscription(form, request.user)
        messages.success(request, _("Your digest settings have been saved."))
        return redirect("publication:digest")
    return render(
        request,
        "publication/digest.html",
        {
            "form": form,
            "current": current,
            "period": digest.past_month(),
            "teams": catalog_query.active_teams(organisation),
        },
        status=400 if form.errors else 200,
    )


def digest_pdf(request: HttpRequest) -> HttpResponse:
    require_capability(request, Capability.RECEIVE_DIGEST)
    catalog_query.require_whole_organisation(request)
    organisation = request.organisation
    team = None
    wanted = request.GET.get("team", "")
    if wanted.isdigit():
        team = catalog_query.active_teams(organisation).filter(pk=int(wanted)).first()
    period = insights_query.parse_period(request.GET.get("periode"))
    if period.kind != "month":
        # The download form always names a month; without one, go back to that form.
        return redirect("publication:digest")
    pdf = digest.render_pdf(digest.build(organisation, team, period))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="digest-{organisation.slug}-{period.key}.pdf"'
    )
    return response
