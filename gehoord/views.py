"""Shell views: home, log-in and password reset, language switch, health and metrics."""

import hmac

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import i18n
from django.views.decorators.cache import never_cache

from . import home as home_page
from . import metrics as metrics_export
from . import security_txt
from .health import database_ok, last_heartbeat, readiness, stuck_tasks
from .login_throttle import EmailLoginForm
from .sso import service as sso_service

public = method_decorator(login_not_required, name="dispatch")


def home(request: HttpRequest) -> HttpResponse:
    """What changed and what needs the member (`gehoord.home`), per role."""
    membership = getattr(request, "membership", None)
    blocks = home_page.blocks(membership, request.user.pk) if membership else []
    return render(request, "gehoord/home.html", {"blocks": blocks})


@login_not_required
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """For load balancers and monitoring: 200 when the database answers and no periodic task
    is stuck, else 503 (`stuck` names the tasks that stopped completing)."""
    db = database_ok()
    beat = last_heartbeat() if db else None
    stuck = stuck_tasks() if db else []
    status = "unavailable" if not db else "stuck" if stuck else "ok"
    payload = {
        "status": status,
        "database": db,
        "worker_last_seen": beat.isoformat() if beat else None,
        "worker_seconds_ago": int((timezone.now() - beat).total_seconds()) if beat else None,
        "stuck": stuck,
    }
    return JsonResponse(payload, status=200 if status == "ok" else 503)


@login_not_required
@never_cache
def alive(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. No database or queue, so a slow database never gets
    a healthy web process restarted."""
    return JsonResponse({"status": "alive"})


@login_not_required
@never_cache
def ready(request: HttpRequest) -> JsonResponse:
    """Readiness: 200 when the database, the task queue and the worker's heartbeat are all
    fine, else 503; `failing` names the checks that are not."""
    checks = readiness()
    failing = sorted(name for name, outcome in checks.items() if outcome != "ok")
    payload = {"status": "not ready" if failing else "ready", "checks": checks, "failing": failing}
    return JsonResponse(payload, status=503 if failing else 200)


@login_not_required
@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    """Prometheus metrics for a scraper holding GEHOORD_METRICS_TOKEN as bearer token; a
    page that does not exist while no token is configured."""
    token = settings.GEHOORD_METRICS_TOKEN
    if not token:
        raise Http404
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.encode(), token.encode()):
        response = HttpResponse("Unauthorized", status=401, content_type="text/plain")
        response["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    body, content_type = metrics_export.exposition()
    return HttpResponse(body, content_type=content_type)


set_language = login_not_required(i18n.set_language)


@public
class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True
    authentication_form = EmailLoginForm


@public
class PasswordResetView(auth_views.PasswordResetView):
    email_template_name = "registration/password_reset_email.txt"
    html_email_template_name = "registration/password_reset_email.html"
    subject_template_name = "registration/password_reset_subject.txt"


@public
class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    pass


@public
class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    pass


@public
class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    pass


class LogoutView(auth_views.LogoutView):
    """Log out; after a single sign-on log-in, on to the identity provider's log-out too
    (when it has one), so its session does not log the next person at this PC in."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        at_provider = sso_service.provider_logout_url(request)  # before the session goes
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(at_provider) if at_provider else response


@login_not_required
def security_txt_file(request: HttpRequest) -> HttpResponse:
    """RFC 9116: the security contact, for anyone who found a vulnerability."""
    text = security_txt.content(
        settings.GEHOORD_SECURITY_CONTACT,
        settings.GEHOORD_SECURITY_TXT_EXPIRES,
        settings.GEHOORD_BASE_URL.rstrip("/") + "/.well-known/security.txt",
    )
    return HttpResponse(text, content_type="text/plain; charset=utf-8")
