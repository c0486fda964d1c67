from django.urls import path

from . import views, views_members, views_passkeys, views_second_factor, views_settings

app_name = "tenancy"

urlpatterns = [
    path("inloggen/tweestaps/", views_second_factor.VerifyView.as_view(), name="two_factor_verify"),
    path(
        "inloggen/tweestaps/instellen/",
        views_second_factor.SetupView.as_view(),
        name="two_factor_setup",
    ),
    path(
        "inloggen/tweestaps/sleutel-klaar/",
        views_passkeys.PasskeyDoneView.as_view(),
        name="two_factor_passkey_done",
    ),
    path("organisatie/wisselen/", views.switch_organisation, name="switch"),
    path("beheer/logboek/", views.AuditLogView.as_view(), name="audit_log"),
    path("beheer/logboek/export.csv", views.audit_log_csv, name="audit_log_csv"),
    path("beheer/leden/", views_members.MemberListView.as_view(), name="member_list"),
    path(
        "beheer/leden/uitnodigen/", views_members.MemberInviteView.as_view(), name="member_invite"
    ),
    path("beheer/leden/<int:pk>/", views_members.MemberDetailView.as_view(), name="member_detail"),
    path(
        "beheer/leden/<int:pk>/verwijderen/",
        views_members.MemberActionView.as_view(action="remove"),
        name="member_remove",
    ),
    path(
        "beheer/leden/<int:pk>/nieuwe-link/",
        views_members.MemberActionView.as_view(action="renew"),
        name="member_renew",
    ),
    path(
        "beheer/leden/<int:pk>/tweestaps-herstellen/",
        views_members.MemberActionView.as_view(action="reset_two_factor"),
        name="member_reset_two_factor",
    ),
    path(
        "uitnodiging/<str:token>/", views_members.InviteAcceptView.as_view(), name="invite_accept"
    ),
    path("beheer/instellingen/", views_settings.SettingsView.as_view(), name="settings"),
    path("beheer/api-sleutels/", views_settings.ApiKeyListView.as_view(), name="api_keys"),
    path(
        "beheer/api-sleutels/nieuw/",
        views_settings.ApiKeyCreateView.as_view(),
        name="api_key_create",
    ),
    path(
        "beheer/api-sleutels/<int:pk>/intrekken/",
        views_settings.ApiKeyRevokeView.as_view(),
        name="api_key_revoke",
    ),
]
