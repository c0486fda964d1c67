"""Shell views: home, log-in and password reset, language switch, health."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views import i18n
from django.views.decorators.cache import never_cache

from . import home as home_page
from .health import database_ok, last_heartbeat, stuck_tasks
from .login_throttle import EmailLoginForm

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
