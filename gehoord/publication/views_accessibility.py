"""Accessibility statements: the organisation's (edited by staff, public per organisation)
and the platform's own, both with the automated axe-core results of the release."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gehoord.tenancy import query as tenancy_query
from gehoord.tenancy.roles import Capability
from gehoord.tenancy.scoping import require_capability

from . import query, service
from .accessibility import automated_results
from .forms import AccessibilityStatementForm


def edit_statement(request: HttpRequest) -> HttpResponse:
    require_capability(request, Capability.MANAGE_PUBLICATION)
    organisation = request.organisation
    current = query.accessibility_statement(organisation)
    form = AccessibilityStatementForm(
        request.POST or None, instance=current, organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        service.save_accessibility_statement(form)
        messages.success(request, _("The accessibility statement has been saved."))
        return redirect("publication:accessibility_statement")
    return render(
        request,
        "publication/accessibility_form.html",
        {"form": form, "statement": current, "automated": automated_results()},
        status=400 if form.errors else 200,
    )


@login_not_required
def public_statement(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = tenancy_query.organisation_by_slug_or_404(slug)
    return render(
        request,
        "publication/accessibility_public.html",
        {
            "organisation": organisation,
            "statement": query.accessibility_statement(organisation),
            "automated": automated_results(),
            "language": "nl",
        },
    )


@login_not_required
def platform_statement(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "publication/accessibility_platform.html",
        {
            "automated": automated_results(),
            "organisations": query.organisations_with_accessibility_statement(),
        },
    )
