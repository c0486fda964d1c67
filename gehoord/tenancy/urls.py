from django.urls import path

from . import views

app_name = "tenancy"

urlpatterns = [
    path("organisatie/wisselen/", views.switch_organisation, name="switch"),
    path("beheer/logboek/", views.AuditLogView.as_view(), name="audit_log"),
]
