from django.urls import path

from . import views_coding, views_followup, views_public, views_staff

app_name = "feedback"

urlpatterns = [
    path("signalen/", views_staff.SignalListView.as_view(), name="signal_list"),
    path("signalen/nieuw/", views_staff.SignalCreateView.as_view(), name="signal_create"),
    path("signalen/<int:pk>/", views_staff.SignalDetailView.as_view(), name="signal_detail"),
    path(
        "signalen/<int:pk>/wijzigen/", views_staff.SignalUpdateView.as_view(), name="signal_update"
    ),
    path("signalen/importeren/", views_staff.ImportView.as_view(), name="import"),
    path("signalen/instellingen/", views_staff.SettingsView.as_view(), name="settings"),
    path("opvolging/", views_followup.FollowUpListView.as_view(), name="followup_list"),
    path(
        "opvolging/<int:pk>/", views_followup.FollowUpDetailView.as_view(), name="followup_detail"
    ),
    path("coderen/", views_coding.CodingView.as_view(), name="coding"),
    path("coderen/themas/", views_coding.ThemesView.as_view(), name="themes"),
    path("o/<slug:slug>/feedback/", views_public.public_form, name="public_form"),
    path("o/<slug:slug>/feedback/bedankt/", views_public.public_thanks, name="public_thanks"),
    path("terugbellen/<str:reference>/", views_public.call_back, name="call_back"),
]
