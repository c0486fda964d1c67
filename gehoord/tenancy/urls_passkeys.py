"""The WebAuthn ceremonies under django-otp-webauthn's namespace (its template tags reverse
these names), served by the audited views of views_passkeys.py."""

from django.urls import path
from django.views.i18n import JavaScriptCatalog

from . import views_passkeys

app_name = "otp_webauthn"

urlpatterns = [
    path(
        "registratie/begin/",
        views_passkeys.BeginRegistrationView.as_view(),
        name="credential-registration-begin",
    ),
    path(
        "registratie/klaar/",
        views_passkeys.CompleteRegistrationView.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "controle/begin/",
        views_passkeys.BeginAuthenticationView.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "controle/klaar/",
        views_passkeys.CompleteAuthenticationView.as_view(),
        name="credential-authentication-complete",
    ),
    # The texts of the library's script (status messages), in Dutch or English.
    path(
        "teksten/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
