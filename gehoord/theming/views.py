"""The theme screen (administrators) and what the resident pages load: the stylesheet,
the logo and the favicon of the organisation."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gehoord.tenancy import query as tenancy_query
from gehoord.tenancy.roles import Capability
from gehoord.tenancy.scoping import OrganisationRequest, require_capability

from . import look, query, service
from .forms import ThemeForm

CACHE = "public, max-age=300"  # a saved theme reaches residents within five minutes


def settings(request: OrganisationRequest) -> HttpResponse:
    require_capability(request, Capability.MANAGE_ORGANISATION)
    organisation = request.organisation
    assert organisation is not None  # require_capability refused a request without one
    current = query.theme_of(organisation)
    initial = {"shipped": current.shipped if current else ""}
    form = ThemeForm(request.POST or None, request.FILES or None, current=current, initial=initial)
    if request.method == "POST" and form.is_valid() and "bewaren" in request.POST:
        service.save_theme(organisation, form)
        messages.success(request, _("The theme has been saved."))
        return redirect("theming:settings")
    return render(
        request,
        "theming/settings.html",
        {
            "form": form,
            "current": current,
            "checks": form.checks,
            "preview": request.method == "POST" and form.is_valid(),
            "public_url": reverse("feedback:public_form", args=[organisation.slug]),
        },
        status=400 if form.errors else 200,
    )


@login_not_required
def stylesheet(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = tenancy_query.organisation_by_slug_or_404(slug)
    theme = query.theme_of(organisation)
    logo_url = reverse("theming:logo", args=[slug]) if theme and theme.logo else None
    response = HttpResponse(look.stylesheet(theme, logo_url), content_type="text/css")
    response["Cache-Control"] = CACHE
    return response


def _picture(slug: str, name: str) -> HttpResponse:
    organisation = tenancy_query.organisation_by_slug_or_404(slug)
    theme = query.theme_of(organisation)
    content = getattr(theme, name, None) if theme else None
    if not content:
        raise Http404
    response = HttpResponse(bytes(content), content_type=getattr(theme, f"{name}_type"))
    response["Cache-Control"] = CACHE
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_not_required
def logo(request: HttpRequest, slug: str) -> HttpResponse:
    return _picture(slug, "logo")


@login_not_required
def favicon(request: HttpRequest, slug: str) -> HttpResponse:
    return _picture(slug, "favicon")
