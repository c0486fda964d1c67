from django.urls import path

from . import views, views_margins, views_public

app_name = "statutory"

urlpatterns = [
    path("wettelijk-onderzoek/", views.YearListView.as_view(), name="list"),
    path("wettelijk-onderzoek/nieuw/", views.PlanCreateView.as_view(), name="create"),
    path("wettelijk-onderzoek/<int:pk>/", views.YearDetailView.as_view(), name="detail"),
    path("wettelijk-onderzoek/<int:pk>/plan/", views.PlanUpdateView.as_view(), name="update"),
    path(
        "wettelijk-onderzoek/<int:pk>/populatie/",
        views_margins.MarginsView.as_view(),
        name="margins",
    ),
    path(
        "wettelijk-onderzoek/<int:pk>/populatie/tellen/",
        views_margins.ComputeMarginsView.as_view(),
        name="margins_compute",
    ),
    path(
        "wettelijk-onderzoek/<int:pk>/starten/",
        views.YearActionView.as_view(action="start"),
        name="start",
    ),
    path(
        "wettelijk-onderzoek/<int:pk>/afsluiten/",
        views.YearActionView.as_view(action="close"),
        name="close",
    ),
    path(
        "wettelijk-onderzoek/<int:pk>/publiceren/",
        views.YearActionView.as_view(action="publish"),
        name="publish",
    ),
    path(
        "wettelijk-onderzoek/<int:pk>/intrekken/",
        views.YearActionView.as_view(action="withdraw"),
        name="withdraw",
    ),
    path(
        "wettelijk-onderzoek/<int:pk>/jaarverslag.pdf",
        views.ReportPdfView.as_view(),
        name="report_pdf",
    ),
    path(
        "wettelijk-onderzoek/<int:pk>/reacties/",
        views.ResponsesExportView.as_view(),
        name="responses_export",
    ),
    path(
        "wettelijk-onderzoek/<int:pk>/levering.csv", views.DeliveryView.as_view(), name="delivery"
    ),
    path("o/<slug:slug>/wettelijk-onderzoek/", views_public.public_years, name="public_years"),
    path(
        "o/<slug:slug>/wettelijk-onderzoek/<str:law>/<int:year>/",
        views_public.public_report,
        name="public_report",
    ),
    path(
        "o/<slug:slug>/wettelijk-onderzoek/<str:law>/<int:year>/jaarverslag.pdf",
        views_public.public_report_pdf,
        name="public_report_pdf",
    ),
]
