from django.urls import path

from . import views

app_name = "theming"

urlpatterns = [
    path("beheer/thema/", views.settings, name="settings"),
    path("o/<slug:slug>/thema.css", views.stylesheet, name="css"),
    path("o/<slug:slug>/logo", views.logo, name="logo"),
    path("o/<slug:slug>/favicon", views.favicon, name="favicon"),
]
