from django.urls import path

from . import views

# Included by insights.urls under resultaten/exporteren/, in the `insights` namespace.
urlpatterns = [
    path("", views.ExportsView.as_view(), name="exports"),
    path("<int:pk>/", views.ExportDetailView.as_view(), name="export_detail"),
    path("<int:pk>/bestand/", views.ExportDownloadView.as_view(), name="export_download"),
    path(
        "<int:pk>/privacy/", views.ExportPrivacyReportView.as_view(), name="export_privacy_report"
    ),
]
