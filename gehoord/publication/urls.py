from django.urls import path

from . import views_accessibility, views_digest, views_portal, views_public, views_staff

app_name = "publication"

urlpatterns = [
    path("o/<slug:slug>/resultaten/", views_public.services, name="public_services"),
    path(
        "o/<slug:slug>/resultaten/<slug:code>/", views_public.service_results, name="public_service"
    ),
    path("publicatie/", views_staff.publication_settings, name="settings"),
    path(
        "publicatie/toegankelijkheid/",
        views_accessibility.edit_statement,
        name="accessibility_statement",
    ),
    path(
        "o/<slug:slug>/toegankelijkheid/",
        views_accessibility.public_statement,
        name="public_accessibility",
    ),
    path("toegankelijkheid/", views_accessibility.platform_statement, name="accessibility"),
    path("contractrapport/", views_staff.contract_report, name="contract_report"),
    path("portaal/", views_portal.portal, name="portal"),
    path("digest/", views_digest.subscription, name="digest"),
    path("digest/pdf/", views_digest.digest_pdf, name="digest_pdf"),
]
