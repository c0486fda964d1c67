"""Staff sessions end after a period without activity (BIO: automatic log-off).

A staff member who walks away from an unlocked screen should not leave contact details
open for the next passer-by. The session remembers when it was last used; a request after
more than `GEHOORD_SESSION_IDLE_MINUTES` logs the user out and sends them to the log-in
page with a message. Residents filling in a survey have no account and are not affected.

The moment of last use is written at most once a minute, so an active user does not cost
a session write on every request.
"""

from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

LAST_ACTIVITY_KEY = "last_activity"
# Writing the moment again only after this long keeps session writes rare.
REFRESH_AFTER = timedelta(minutes=1)


class IdleTimeoutMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now()
            last = _last_activity(request)
            if last and now - last > timedelta(minutes=settings.GEHOORD_SESSION_IDLE_MINUTES):
                logout(request)
                messages.info(
                    request,
                    _("You were logged out because you did nothing for a while. Log in again."),
                )
                return redirect_to_login(request.get_full_path())
            if last is None or now - last >= REFRESH_AFTER:
                request.session[LAST_ACTIVITY_KEY] = now.isoformat()
        return self.get_response(request)


def remember_log_in(sender: object, request: HttpRequest, user: object, **kwargs: object) -> None:
    """A log-in counts as activity: the session starts with its moment, so the first pages
    after log-in need no session write of their own."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY_KEY] = timezone.now().isoformat()


def _last_activity(request: HttpRequest) -> datetime | None:
    value = request.session.get(LAST_ACTIVITY_KEY)
    try:
        return datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None
