"""Throttling of failed log-ins (django-axes), per account and per address.

django-axes counts failed log-ins in the database, so every web process on every machine
sees the same count (a count in process memory would let an attacker spread guesses over
the workers). After `GEHOORD_LOGIN_FAILURE_LIMIT` wrong passwords for one user name, or
from one address, log-in is refused for that name or address until the cool-off has
passed. The address is the one `gehoord.client_address` trusts.

The message is the same whether the account exists or not, so the lock-out tells an
attacker nothing about which user names are real.
"""

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gehoord.client_address import client_address


class LoginThrottleBackend(AxesStandaloneBackend):
    """Axes' check before Django's own backend; silent for log-ins without a request.

    Axes refuses to authenticate without a request. Only code calls `authenticate()`
    without one (the test client's `login()`, management commands); every log-in over
    HTTP passes the request, so it is always counted.
    """

    def authenticate(self, request: HttpRequest | None = None, *args, **kwargs):
        if request is None:
            return None
        try:
            return super().authenticate(request, *args, **kwargs)
        except AxesBackendPermissionDenied:
            # Refused before any password was checked; the audit log records the attempt
            # as refused, not failed (axes' own flag is also set by the failure that
            # reaches the limit, so it cannot tell the two apart).
            request.login_refused = True  # type: ignore[attr-defined]
            raise


def axes_client_address(request: HttpRequest) -> str:
    return client_address(request)


def locked_out(request: HttpRequest, credentials: dict | None = None, *args, **kwargs):
    """The log-in page again, status 429, with a message that names no account."""
    response: HttpResponse = render(
        request,
        "registration/login.html",
        {
            "form": AuthenticationForm(request),
            "locked_out_minutes": settings.GEHOORD_LOGIN_COOLOFF_MINUTES,
        },
        status=429,
    )
    return response
