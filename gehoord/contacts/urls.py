from django.urls import path

from . import views, views_panel

app_name = "contacts"

urlpatterns = [
    path("afmelden/<str:token>/", views.OptOutView.as_view(), name="opt_out"),
    path("o/<slug:slug>/meedenken/", views_panel.panel_signup, name="panel_signup"),
    path(
        "o/<slug:slug>/meedenken/bevestigen/<str:token>/",
        views_panel.panel_confirm,
        name="panel_confirm",
    ),
    path("contacten/", views.ContactListView.as_view(), name="contact_list"),
    path("contacten/panel/", views.PanelView.as_view(), name="panel"),
    path("contacten/nieuw/", views.ContactCreateView.as_view(), name="contact_create"),
    path("contacten/<int:pk>/", views.ContactDetailView.as_view(), name="contact_detail"),
    path("contacten/<int:pk>/bewerken/", views.ContactUpdateView.as_view(), name="contact_update"),
    path("contacten/<int:pk>/wissen/", views.ContactEraseView.as_view(), name="contact_erase"),
    path(
        "contacten/<int:pk>/inzage.pdf",
        views.SubjectAccessView.as_view(file_format="pdf"),
        name="subject_access_pdf",
    ),
    path(
        "contacten/<int:pk>/inzage.json",
        views.SubjectAccessView.as_view(file_format="json"),
        name="subject_access_json",
    ),
    path(
        "contacten/<int:pk>/toestemming/", views.ConsentCreateView.as_view(), name="consent_create"
    ),
    path(
        "toestemmingen/<int:pk>/intrekken/",
        views.ConsentWithdrawView.as_view(),
        name="consent_withdraw",
    ),
]
