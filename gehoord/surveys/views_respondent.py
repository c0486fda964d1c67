"""Public pages where residents answer (no log-in; the token in the link is the key)."""

import io

import segno
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from gehoord.framework import query as framework_query
from gehoord.framework import service as framework_service

from . import flow, open_link_limits, query, service
from .models import SurveyToken, TokenStatus

OPEN_LINK_SESSION_KEY = "open_link_tokens"
LANGUAGES = ("nl", "en")


def _language(request: HttpRequest, default: str) -> str:
    """The language asked for (?taal=), else `default` (a completed token has none)."""
    wanted = request.GET.get("taal") or request.POST.get("taal")
    if wanted in LANGUAGES:
        return wanted
    return default if default in LANGUAGES else "nl"


def _message(
    request: HttpRequest, title: str, text: str, status: int = 200, language: str = "nl"
) -> HttpResponse:
    return render(
        request,
        "surveys/message.html",
        {"title": title, "text": text, "language": language},
        status=status,
    )


@login_not_required
@never_cache
@xframe_options_exempt
def open_link(request: HttpRequest, token: str) -> HttpResponse:
    """Start page of an open link (e.g. a QR code at the desk); POST starts a new survey."""
    questionnaire = framework_query.questionnaire_by_open_link(token)
    if questionnaire is None:
        raise Http404
    language = _language(request, "nl")
    with translation.override(language):
        version = framework_service.latest_published(questionnaire)
        if version is None:
            return _message(
                request,
                _("This questionnaire is not open"),
                _("You cannot fill in this questionnaire at the moment."),
                language=language,
            )
        started = request.session.get(OPEN_LINK_SESSION_KEY, {})
        if request.method == "POST":
            visitor = open_link_limits.visitor(request, questionnaire.pk)
            if open_link_limits.start_refused(request, visitor):
                # Refused before a single answer is typed, so nothing is lost.
                return _message(
                    request,
                    _("You have filled in this questionnaire often"),
                    _(
                        "You have filled in this questionnaire many times from this device. "
                        "Try again later."
                    ),
                    status=429,
                    language=language,
                )
            survey_token = service.start_open_link(
                questionnaire, language=language, version=version
            )
            started[str(questionnaire.pk)] = survey_token.token
            request.session[OPEN_LINK_SESSION_KEY] = started
            return redirect("surveys:answer", token=survey_token.token)
        unfinished = query.token_by_value(started.get(str(questionnaire.pk), ""))
        if unfinished and unfinished.status == TokenStatus.COMPLETED:
            unfinished = None
        return render(
            request,
            "surveys/start.html",
            {
                "version": version,
                "language": language,
                "unfinished": unfinished,
                "title": version.title(language),
                "intro": version.intro(language),
            },
        )


@login_not_required
def open_link_qr(request: HttpRequest, token: str) -> HttpResponse:
    """The open link as a QR code (SVG), to print for the desk or a poster."""
    questionnaire = framework_query.questionnaire_by_open_link(token)
    if questionnaire is None:
        raise Http404
    url = request.build_absolute_uri(reverse("surveys:open", args=[token]))
    svg = io.BytesIO()
    segno.make(url, error="m").save(svg, kind="svg", scale=8, border=2, title=questionnaire.name)
    return HttpResponse(svg.getvalue(), content_type="image/svg+xml")


@login_not_required
@never_cache
@ratelimit(key="gehoord.client_address.ratelimit_key", rate="30/h", method="POST", block=False)
def access_code(request: HttpRequest) -> HttpResponse:
    """Type the code from a letter to open its survey (for those who cannot scan)."""
    error = ""
    if request.method == "POST":
        code = service.normalise_access_code(request.POST.get("code", ""))
        survey_token = (
            None if getattr(request, "limited", False) else query.token_by_access_code(code)
        )
        if getattr(request, "limited", False):
            error = _("You tried too often. Try again in an hour, or call us.")
        elif survey_token is not None:
            return redirect("surveys:answer", token=survey_token.token)
        else:
            error = _("We do not know this code. Check the code in your letter and try again.")
    return render(
        request,
        "surveys/access_code.html",
        {"error": error, "language": "nl"},
        status=400 if error else 200,
    )


def _resolve(token: str) -> SurveyToken:
    survey_token = query.token_by_value(token)
    if survey_token is None:
        raise Http404
    return survey_token


@login_not_required
@never_cache
@xframe_options_exempt
def answer(request: HttpRequest, token: str) -> HttpResponse:
    survey_token = _resolve(token)
    language = _language(request, survey_token.language)
    service.set_language(survey_token, language)
    with translation.override(language):
        if survey_token.status == TokenStatus.COMPLETED:
            return redirect("surveys:done", token=token)
        if service.is_expired(survey_token):
            return _message(
                request,
                _("This link has expired"),
                _("You can no longer fill in this questionnaire. Thank you for wanting to help."),
                status=410,
                language=language,
            )
        try:
            service.begin(survey_token)
        except service.SurveyUnavailable:
            return _message(
                request,
                _("This questionnaire is not open"),
                _("You cannot fill in this questionnaire at the moment."),
                language=language,
            )
        if request.method == "POST":
            return _answer_post(request, survey_token, language)
        items = service.items_of(survey_token)
        state = flow.page_state(items, survey_token.draft, survey_token.page)
        form = flow.page_form(state, language, survey_token.draft)
        return _render_page(request, survey_token, state, form, language)


def _answer_post(request: HttpRequest, survey_token: SurveyToken, language: str) -> HttpResponse:
    items = service.items_of(survey_token)
    answers = survey_token.draft
    try:
        posted_version = int(request.POST.get("version", ""))
        posted_page = int(request.POST.get("page", ""))
    except ValueError:
        posted_version = posted_page = -1
    if posted_version != survey_token.version_id:
        return _message(
            request,
            _("This form does not match the questionnaire"),
            _(
                "The questionnaire was changed or the form was altered. Open your "
                "link again to continue; your saved answers are kept."
            ),
            status=400,
            language=language,
        )
    state = flow.page_state(items, answers, posted_page)
    if state.page != posted_page:
        return _message(
            request,
            _("This page does not exist"),
            _("Open your link again to continue; your saved answers are kept."),
            status=400,
            language=language,
        )
    form = flow.page_form(state, language, answers, data=request.POST)
    action = request.POST.get("action", "next")
    if action in ("back", "save"):
        form.is_valid()  # keep the good answers; errors do not stop leaving the page
        values = flow.cleaned_answers(form, state.items, only_valid=True)
        merged = {**answers, **values}
        target = state.page
        if action == "back":
            target = service.next_page(items, merged, state.page, -1) or state.page
        service.save_page(survey_token, target, values)
        if action == "save":
            return render(
                request,
                "surveys/saved.html",
                {
                    "token": survey_token,
                    "language": language,
                    "resume_url": request.build_absolute_uri(
                        reverse("surveys:answer", args=[survey_token.token])
                    ),
                },
            )
        return redirect("surveys:answer", token=survey_token.token)
    if not form.is_valid():
        return _render_page(request, survey_token, state, form, language, status=200)
    values = flow.cleaned_answers(form, state.items)
    merged = {**answers, **values}
    following = service.next_page(items, merged, state.page, +1)
    if following is not None:
        service.save_page(survey_token, following, values)
        return redirect("surveys:answer", token=survey_token.token)
    visitor, over_limit = "", False
    if survey_token.from_open_link:
        # A survey already started is never refused: above the limit it is kept for review.
        visitor = open_link_limits.visitor(request, survey_token.questionnaire_id)
        over_limit = open_link_limits.submit_over_limit(request, visitor)
    try:
        response = service.submit(
            survey_token, values=values, visitor=visitor, over_limit=over_limit
        )
    except ValidationError:
        # A required question on an earlier page is unanswered (conditions changed): keep
        # this page's answers and send the resident there.
        missing = service.missing_required(items, merged)[0]
        service.save_page(survey_token, missing.page, values)
        return redirect("surveys:answer", token=survey_token.token)
    done = reverse("surveys:done", args=[survey_token.token])
    # The completed token has forgotten its language: the thank-you page is told it.
    page = redirect(done if language == "nl" else f"{done}?taal={language}")
    if response is not None:  # None: a repeated submit, which keeps the first's offer
        service.remember_call_back_offer(page, response)
    return page


def _render_page(request, survey_token, state, form, language, status=200) -> HttpResponse:
    version = survey_token.version
    return render(
        request,
        "surveys/page.html",
        {
            "token": survey_token,
            "version": version,
            "state": state,
            "form": form,
            "language": language,
            "title": version.title(language),
            "intro": version.intro(language) if state.is_first else "",
            "error_links": flow.error_links(form) if form.is_bound else [],
            "other_language": "en" if language == "nl" else "nl",
        },
        status=status,
    )


@login_not_required
@never_cache
@xframe_options_exempt
def done(request: HttpRequest, token: str) -> HttpResponse:
    survey_token = _resolve(token)
    language = _language(request, survey_token.language)
    with translation.override(language):
        if survey_token.status != TokenStatus.COMPLETED:
            return redirect("surveys:answer", token=token)
        reference = service.call_back_offer(request)
        return render(
            request,
            "surveys/done.html",
            {
                "language": language,
                "organisation": survey_token.organisation,
                "token": survey_token,
                "ask_panel": service.may_ask_panel(survey_token),
                "call_back_url": (
                    reverse("feedback:call_back", args=[reference]) + f"?taal={language}"
                )
                if reference
                else "",
            },
        )


@login_not_required
@never_cache
@require_POST
def join_panel(request: HttpRequest, token: str) -> HttpResponse:
    """ "Wilt u vaker meedenken?" answered yes on the thank-you page of a personal link."""
    survey_token = _resolve(token)
    if not service.request_panel(survey_token):
        raise Http404
    done = reverse("surveys:done", args=[token])
    language = _language(request, survey_token.language)
    return redirect(done if language == "nl" else f"{done}?taal={language}")
