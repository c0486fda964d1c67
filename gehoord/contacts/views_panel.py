"""The public panel sign-up of an organisation, with double opt-in (no log-in)."""

from django.contrib.auth.decorators import login_not_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from gehoord.tenancy import query as tenancy_query

from . import service, tasks
from .forms import PanelSignupForm


@login_not_required
@never_cache
@ratelimit(key="ip", rate="10/h", method="POST", block=False)
def panel_signup(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = tenancy_query.organisation_by_slug_or_404(slug)
    context = {"organisation": organisation, "language": "nl", "error": "", "sent": False}
    if request.method != "POST":
        context["form"] = PanelSignupForm()
        return render(request, "contacts/panel_signup.html", context)
    if getattr(request, "limited", False):
        context["form"] = PanelSignupForm()
        context["error"] = _(
            "We received many sign-ups from your address. Try again in an hour, or call us."
        )
        return render(request, "contacts/panel_signup.html", context, status=429)
    form = PanelSignupForm(request.POST)
    if form.is_bot:  # the same answer as for a person, and nothing stored or sent
        return render(request, "contacts/panel_signup.html", {**context, "sent": True})
    if not form.is_valid():
        context["form"] = form
        return render(request, "contacts/panel_signup.html", context, status=400)
    signup, token = service.sign_up_for_panel(
        organisation, form.cleaned_data["email"], form.cleaned_data["name"], "nl"
    )
    transaction.on_commit(lambda: tasks.send_panel_confirmation(signup.pk, token))
    # The same page whether or not the address is known: nothing to enumerate.
    return render(request, "contacts/panel_signup.html", {**context, "sent": True})


@login_not_required
@never_cache
def panel_confirm(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """GET asks to confirm (mail scanners open links); POST confirms."""
    organisation = tenancy_query.organisation_by_slug_or_404(slug)
    context = {"organisation": organisation, "language": "nl"}
    try:
        signup = service.pending_panel_signup(token)
        if signup is None or signup.organisation_id != organisation.pk:
            return render(
                request, "contacts/panel_confirm.html", {**context, "unknown": True}, status=404
            )
        if request.method == "POST":
            service.confirm_panel_signup(token)
            return render(request, "contacts/panel_confirm.html", {**context, "done": True})
    except service.PanelLinkExpired:
        return render(
            request, "contacts/panel_confirm.html", {**context, "expired": True}, status=410
        )
    return render(request, "contacts/panel_confirm.html", context)
