"""The public feedback form an organisation links from its website (no log-in)."""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from gehoord.surveys import query as surveys_query
from gehoord.surveys import service as surveys_service
from gehoord.tenancy import query as tenancy_query

from . import receipts, service, tasks
from .models import SignalChannel, SignalSource
from .public_form import CallBackForm, PublicFeedbackForm


def _organisation(slug: str):
    organisation = tenancy_query.organisation_by_slug(slug)
    if organisation is None or not service.settings_of(organisation).public_form_enabled:
        raise Http404
    return organisation


@login_not_required
@never_cache
@ratelimit(key="gehoord.client_address.ratelimit_key", rate="10/h", method="POST", block=False)
def public_form(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(slug)
    context = {"organisation": organisation, "language": "nl", "error": ""}
    if request.method != "POST":
        context["form"] = PublicFeedbackForm(organisation=organisation)
        return render(request, "feedback/public_form.html", context)
    if getattr(request, "limited", False):
        context["form"] = PublicFeedbackForm(organisation=organisation)
        context["error"] = _(
            "We received many messages from your address. Try again in an hour, or call us."
        )
        return render(request, "feedback/public_form.html", context, status=429)
    try:
        data = request.POST
    except RequestDataTooBig:
        context["form"] = PublicFeedbackForm(organisation=organisation)
        context["error"] = _(
            "Your message is far too long to send. Shorten it to at most 5000 characters."
        )
        return render(request, "feedback/public_form.html", context, status=413)
    form = PublicFeedbackForm(data, organisation=organisation)
    if form.is_bot:
        # Say thanks and store nothing: telling a bot why it failed only helps it.
        return redirect("feedback:public_thanks", slug=slug)
    if not form.is_valid():
        context["form"] = form
        return render(request, "feedback/public_form.html", context, status=400)
    signal = service.record_signal(
        organisation,
        kind=form.cleaned_data["kind"],
        text=form.cleaned_data["text"],
        received_on=timezone.localdate(),
        source=SignalSource.PUBLIC_FORM,
        channel=SignalChannel.WEB_FORM,
        service=form.cleaned_data["service"],
        contact=form.contact(),
    )
    if address := form.receipt_address():
        transaction.on_commit(lambda: tasks.send_receipt(signal.pk, address, "nl"))
    thanks = reverse("feedback:public_thanks", kwargs={"slug": slug})
    return redirect(f"{thanks}?{urlencode({'ontvangst': receipts.signed_receipt(signal)})}")


@login_not_required
def public_thanks(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = _organisation(slug)
    settings = service.settings_of(organisation)
    receipt_number, kind = receipts.shown_receipt(request.GET.get("ontvangst", ""))
    return render(
        request,
        "feedback/public_thanks.html",
        {
            "organisation": organisation,
            "language": "nl",
            "complaint_weeks": settings.complaint_weeks,
            "receipt_number": receipt_number,
            "kind": kind,
        },
    )


@login_not_required
@never_cache
@ratelimit(key="gehoord.client_address.ratelimit_key", rate="10/h", method="POST", block=False)
def call_back(request: HttpRequest, reference: str) -> HttpResponse:
    """Where a resident who asked in a survey to be contacted says how (link from the
    survey's thank-you page; the signed reference expires after a day)."""
    language = request.GET.get("taal") if request.GET.get("taal") in ("nl", "en") else "nl"
    with translation.override(language):
        response = surveys_query.response_by_call_back_reference(reference)
        if response is None:
            return render(
                request,
                "feedback/call_back.html",
                {"language": language, "expired": True},
                status=410,
            )
        if service.call_back_details_given(response):
            return _call_back_used(request, language, response)
        context = {
            "language": language,
            "organisation": response.organisation,
            "form": CallBackForm(),
            "error": "",
        }
        if request.method == "POST":
            if getattr(request, "limited", False):
                context["error"] = _(
                    "We received many messages from your address. Try again in an hour, or call us."
                )
                return render(request, "feedback/call_back.html", context, status=429)
            form = CallBackForm(request.POST)
            if not form.is_valid():
                context["form"] = form
                return render(request, "feedback/call_back.html", context, status=400)
            try:
                follow_up = service.record_call_back_details(response, form.contact())
            except service.NoCallBackAsked:
                raise Http404 from None
            except service.CallBackDetailsGiven:  # a second request won the race
                return _call_back_used(request, language, response)
            context.update(form=None, follow_up=follow_up)
            page = render(request, "feedback/call_back.html", context)
            surveys_service.forget_call_back_offer(page)
            return page
        return render(request, "feedback/call_back.html", context)


def _call_back_used(request: HttpRequest, language: str, response) -> HttpResponse:
    """410: details were already left through this link, which works only once."""
    context = {"language": language, "organisation": response.organisation, "used": True}
    page = render(request, "feedback/call_back.html", context, status=410)
    surveys_service.forget_call_back_offer(page)
    return page
