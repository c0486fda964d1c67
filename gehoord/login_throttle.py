"""Throttling of failed log-ins (django-axes), per account and per address.

django-axes counts failed log-ins in the database, so every web process on every machine
sees the same count (a count in process memory would let an attacker spread guesses over
the workers). After `GEHOORD_LOGIN_FAILURE_LIMIT` wrong passwords for one user name, or
from one address, log-in is refused for that name or address until the cool-off has
passed. The address is the one `gehoord.client_address` trusts.

The message is the same whether the account exists or not, so the lock-out tells an
attacker nothing about which user names are real.
"""

from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

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


class EmailLoginForm(AuthenticationForm):
    """Django's log-in form, asking for the e-mail address (every account's user name)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget.attrs["autocomplete"] = "email"


class EmailBackend(ModelBackend):
    """Django's password check, with the e-mail address (the user name) in any case:
    "Jan@Example.org" logs in the account "jan@example.org"."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        user_model = get_user_model()
        if username is None:
            username = kwargs.get(user_model.USERNAME_FIELD)
        if not isinstance(username, str) or password is None:
            return None
        field = f"{user_model.USERNAME_FIELD}__iexact"
        user = user_model._default_manager.filter(**{field: username.strip()}).first()
        if user is None:
            # As Django's backend: spend the time of a hash, so a missing account is not
            # told apart by how fast the answer comes.
            user_model().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The typed name as one account: lower case, so "JAN@..." and "jan@..." share a count."""
    source: Any = credentials if credentials else getattr(request, "POST", {})
    name = source.get("username") if source else None
    return name.strip().lower() if isinstance(name, str) else name


def axes_client_address(request: HttpRequest) -> str:
    return client_address(request)


def locked_out(request: HttpRequest, credentials: dict | None = None, *args, **kwargs):
    """The log-in page again, status 429, with a message that names no account."""
    response: HttpResponse = render(
        request,
        "registration/login.html",
        {
            "form": EmailLoginForm(request),
            "locked_out_minutes": settings.GEHOORD_LOGIN_COOLOFF_MINUTES,
        },
        status=429,
    )
    return response
