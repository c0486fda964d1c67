"""Passkey pages and the WebAuthn ceremonies of django-otp-webauthn, with the audit log.

The four JSON endpoints are the library's views under its own namespace (`otp_webauthn`,
so its template tags find them); the completing ones add an audit entry for each outcome.
`PasskeyDoneView` follows a first registration: the browser script posts its form once the
passkey is saved, and the member gets backup codes as after setting up the app.
"""

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View
from django_otp_webauthn import views as webauthn_views

from . import passkeys, second_factor
from .views_second_factor import _next, _no_store


class BeginRegistrationView(webauthn_views.BeginCredentialRegistrationView):
    pass


class CompleteRegistrationView(webauthn_views.CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        passkeys.record_registration(self.request, self.request.user, ok=True)
        return response

    def handle_exception(self, exc):
        if self.request.user.is_authenticated:
            passkeys.record_registration(self.request, self.request.user, ok=False)
        return super().handle_exception(exc)


class BeginAuthenticationView(webauthn_views.BeginCredentialAuthenticationView):
    pass


class CompleteAuthenticationView(webauthn_views.CompleteCredentialAuthenticationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        passkeys.record_use(self.request, self.request.user, ok=True)
        return response

    def handle_exception(self, exc):
        if self.request.user.is_authenticated:
            passkeys.record_use(self.request, self.request.user, ok=False)
        return super().handle_exception(exc)

    def get_success_url(self):
        return self.get_redirect_url() or reverse("home")


class PasskeyDoneView(View):
    """POST only: after the first passkey, show the backup codes once."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        if not second_factor.is_verified(request):
            return HttpResponseRedirect(reverse("tenancy:two_factor_verify"))
        codes = passkeys.finish_enrolment(request, request.user)  # type: ignore[arg-type]
        if codes is None:
            return HttpResponseRedirect(_next(request))
        context = {"codes": codes, "next": _next(request)}
        return _no_store(render(request, "registration/two_factor_backup_codes.html", context))
