from django.urls import include, path

from . import views, views_forecast, views_retention, views_text

app_name = "insights"

urlpatterns = [
    path("resultaten/", views.OverviewView.as_view(), name="overview"),
    path("resultaten/aanbieders/", views.ProviderComparisonView.as_view(), name="providers"),
    path("resultaten/drijfveren/", views.DriversView.as_view(), name="drivers"),
    path("resultaten/benchmark/", views.BenchmarkView.as_view(), name="benchmark"),
    path("resultaten/teksten/", views_text.TextAnalysisView.as_view(), name="text"),
    path("resultaten/triangulatie/", views_text.TriangulationView.as_view(), name="triangulation"),
    path("resultaten/prognose/", views_forecast.ForecastView.as_view(), name="forecast"),
    path(
        "resultaten/verloopregister/",
        views_forecast.ExpiryRegisterView.as_view(),
        name="expiry_register",
    ),
    path("beheer/bewaartermijnen/", views_retention.RetentionView.as_view(), name="retention"),
    path("resultaten/exporteren/", include("gehoord.insights.exports.urls")),
]
