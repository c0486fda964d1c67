"""Staff who must verify in two steps see no staff page before they have (second_factor.py).

After the password, a member whose active membership requires it is sent to set up an app
(no device yet) or to type a code. Public pages (residents' surveys, forms; every view
marked `login_not_required`), log-out, the language switch, switching organisation and the
two-step pages themselves stay open.

The Django admin (/admin/) always asks staff users for the second step, whatever the
membership: its users are platform operators (often without any membership) or staff
whose organisation may have turned the setting off, and the admin opens every
organisation's data. (A single sign-on log-in cannot be staff: gehoord/sso refuses it.)
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from . import second_factor

OPEN_ROUTE_NAMES = frozenset(
    {
        "logout",
        "set_language",
        "health",
        "tenancy:switch",
        "tenancy:two_factor_setup",
        "tenancy:two_factor_verify",
        "tenancy:two_factor_passkey_done",
        # The passkey ceremonies of the two-step pages (urls_passkeys.py).
        "otp_webauthn:credential-registration-begin",
        "otp_webauthn:credential-registration-complete",
        "otp_webauthn:credential-authentication-begin",
        "otp_webauthn:credential-authentication-complete",
        "otp_webauthn:js-i18n-catalog",
        "admin:logout",
    }
)
ADMIN_NAMESPACE = "admin"


class SecondFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponse | None:
        if not request.user.is_authenticated or not getattr(view_func, "login_required", True):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_ROUTE_NAMES:
            return None
        # Only staff can use the admin; others get its own log-in page as before.
        in_admin = (
            match is not None
            and ADMIN_NAMESPACE in match.namespaces
            and getattr(request.user, "is_staff", False)
        )
        if not in_admin and not second_factor.required_for(getattr(request, "membership", None)):
            return None
        if second_factor.is_verified(request):
            return None
        name = "two_factor_verify" if second_factor.has_device(request.user) else "two_factor_setup"
        target = reverse(f"tenancy:{name}")
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(target)
