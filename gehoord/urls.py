from django.contrib import admin
from django.urls import include, path

from . import views
from .api.api import fallback_urls as api_fallback_urls
from .api.api import urls as api_urls

# Routes anyone may open without logging in. The isolation test reads this list: every
# other route must send anonymous visitors to the log-in page.
PUBLIC_ROUTE_NAMES = frozenset(
    {
        "login",
        "sso:start",  # single sign-on: to the organisation's identity provider
        "sso:callback",  # and back; the state in the session is the key
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "set_language",
        "tenancy:invite_accept",  # the one-time token in the address is the key
        "health",
        "health_alive",  # liveness and readiness: no personal data, for load balancers
        "health_ready",
        "security_txt",  # RFC 9116: the security contact, public by design
        "metrics",  # its own bearer token (GEHOORD_METRICS_TOKEN), 404 without one
        "surveys:open",
        "surveys:open_qr",
        "surveys:answer",
        "surveys:done",
        "surveys:join_panel",  # the personal link in the address is the key
        "surveys:code",
        "contacts:opt_out",
        "contacts:panel_signup",
        "contacts:panel_confirm",  # the token in the address is the key
        "feedback:public_form",
        "feedback:public_thanks",
        "feedback:call_back",  # the signed reference in the address is the key
        "publication:public_services",
        "publication:public_service",
        "theming:css",  # the organisation's look on the resident pages
        "theming:logo",
        "theming:favicon",
        "publication:public_accessibility",  # accessibility statements are public by law
        "publication:accessibility",
        "improvement:public_list",
        "statutory:public_years",
        "statutory:public_report",
        "statutory:public_report_pdf",
        "improvement:public_feed",
        "api:openapi-json",
        "api:openapi-view",
        "api_not_found",  # a problem-details 404 for any other address under /api/
    }
)

urlpatterns = [
    path("", views.home, name="home"),
    path("gezondheid/", views.health, name="health"),
    path("gezondheid/leeft/", views.alive, name="health_alive"),
    path("gezondheid/klaar/", views.ready, name="health_ready"),
    path("metrics", views.metrics, name="metrics"),
    path(".well-known/security.txt", views.security_txt_file, name="security_txt"),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "wachtwoord-vergeten/verstuurd/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "wachtwoord-herstellen/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord-herstellen/klaar/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("taal/", views.set_language, name="set_language"),
    path("", include("gehoord.tenancy.urls")),
    path("inloggen/tweestaps/sleutel/", include("gehoord.tenancy.urls_passkeys")),
    path("", include("gehoord.sso.urls")),
    path("", include("gehoord.theming.urls")),
    path("catalogus/", include("gehoord.catalog.urls")),
    path("vragenlijsten/", include("gehoord.framework.urls")),
    path("", include("gehoord.surveys.urls")),
    path("", include("gehoord.contacts.urls")),
    path("", include("gehoord.outreach.urls")),
    path("", include("gehoord.insights.urls")),
    path("", include("gehoord.feedback.urls")),
    path("", include("gehoord.publication.urls")),
    path("", include("gehoord.improvement.urls")),
    path("", include("gehoord.statutory.urls")),
    path("", include("gehoord.webhooks.urls")),
    path("api/v1/", api_urls()),
    path("api/", include(api_fallback_urls())),
    path("admin/", admin.site.urls),
]
