"""The two-step pages after the password: set up an app or a passkey, type a code or use the
passkey (second_factor.py, passkeys.py)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View

from . import passkeys, second_factor
from .second_factor import Outcome


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "spellcheck": "false"}
        ),
    )


def _next(request: HttpRequest) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    allowed = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if wanted and allowed else reverse("home")


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


class SetupView(View):
    """Scan the QR code (or type the secret), confirm with a code, see the backup codes."""

    template_name = "registration/two_factor_setup.html"

    def _page(self, request: HttpRequest, form: CodeForm) -> HttpResponse:
        device = second_factor.start_enrolment(request.user)  # type: ignore[arg-type]
        context = {
            "form": form,
            "qr_svg": second_factor.qr_svg(device),
            "secret": second_factor.secret_text(device),
            "next": _next(request),
        }
        return _no_store(render(request, self.template_name, context))

    def get(self, request: HttpRequest) -> HttpResponse:
        if second_factor.has_device(request.user):  # type: ignore[arg-type]
            return HttpResponseRedirect(reverse("tenancy:two_factor_verify"))
        return self._page(request, CodeForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        if second_factor.has_device(request.user):  # type: ignore[arg-type]
            return HttpResponseRedirect(reverse("tenancy:two_factor_verify"))
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self._page(request, form)
        try:
            codes = second_factor.confirm_enrolment(request, form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error)
            return self._page(request, form)
        context = {"codes": codes, "next": _next(request)}
        return _no_store(render(request, "registration/two_factor_backup_codes.html", context))


class VerifyView(View):
    """Type the code from the app, or one backup code."""

    template_name = "registration/two_factor_verify.html"

    def _page(self, request: HttpRequest, form: CodeForm, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "next": _next(request),
            "has_app": second_factor.has_app(request.user),  # type: ignore[arg-type]
            "has_passkey": passkeys.has_passkey(request.user),  # type: ignore[arg-type]
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        if not second_factor.has_device(request.user):  # type: ignore[arg-type]
            return HttpResponseRedirect(reverse("tenancy:two_factor_setup"))
        if second_factor.is_verified(request):
            return HttpResponseRedirect(_next(request))
        return self._page(request, CodeForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        if not second_factor.has_device(request.user):  # type: ignore[arg-type]
            return HttpResponseRedirect(reverse("tenancy:two_factor_setup"))
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self._page(request, form)
        outcome = second_factor.verify(request, form.cleaned_data["code"])
        if outcome is Outcome.VERIFIED:
            left = second_factor.backup_codes_left(request.user)  # type: ignore[arg-type]
            if left <= 3:
                text = ngettext(
                    "You have %(count)s backup code left. Ask an administrator to reset "
                    "your verification to get new ones.",
                    "You have %(count)s backup codes left. Ask an administrator to reset "
                    "your verification to get new ones.",
                    left,
                )
                messages.warning(request, text % {"count": left})
            return HttpResponseRedirect(_next(request))
        if outcome is Outcome.THROTTLED:
            form.add_error("code", _("Too many wrong codes. Wait a minute and try again."))
            return self._page(request, form, status=429)
        form.add_error("code", _("This code is not right. Check the code and try again."))
        return self._page(request, form)
