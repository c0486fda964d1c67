from django.urls import path

from . import views_digest, views_portal, views_public, views_staff

app_name = "publication"

urlpatterns = [
    path("o/<slug:slug>/resultaten/", views_public.services, name="public_services"),
    path(
        "o/<slug:slug>/resultaten/<slug:code>/", views_public.service_results, name="public_service"
    ),
    path("publicatie/", views_staff.publication_settings, name="settings"),
    path("contractrapport/", views_staff.contract_report, name="contract_report"),
    path("portaal/", views_portal.portal, name="portal"),
    path("digest/", views_digest.subscription, name="digest"),
    path("digest/pdf/", views_digest.digest_pdf, name="digest_pdf"),
]
