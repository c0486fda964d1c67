from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import views

app_name = "sso"

urlpatterns = [
    path(
        "inloggen/sso/<slug:organisation>/",
        login_not_required(views.SsoStartView.as_view()),
        name="start",
    ),
    path(
        "inloggen/sso-terug/", login_not_required(views.SsoCallbackView.as_view()), name="callback"
    ),
    path("beheer/sso/", views.ProviderEditView.as_view(), name="settings"),
    path("beheer/sso/verwijderen/", views.ProviderDeleteView.as_view(), name="delete"),
]
