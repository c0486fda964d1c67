from django.urls import path

from . import views, views_openklant, views_sampling, views_zgw

app_name = "outreach"

urlpatterns = [
    path("uitnodigen/", views.OutreachView.as_view(), name="overview"),
    path("uitnodigen/regels/nieuw/", views.RuleCreateView.as_view(), name="rule_create"),
    path("uitnodigen/regels/<int:pk>/", views.RuleUpdateView.as_view(), name="rule_update"),
    path("uitnodigen/gebeurtenissen/", views.EventListView.as_view(), name="event_list"),
    path("uitnodigen/importeren/", views.EventUploadView.as_view(), name="import"),
    path("uitnodigen/brieven/", views.LettersView.as_view(), name="letters"),
    path("uitnodigen/panel/", views.PanelInviteView.as_view(), name="panel_invite"),
    path("uitnodigen/importeren/<int:pk>/", views.EventImportView.as_view(), name="import_detail"),
    path("uitnodigen/steekproeven/", views_sampling.SamplePlanListView.as_view(), name="samples"),
    path(
        "uitnodigen/steekproeven/nieuw/",
        views_sampling.SamplePlanCreateView.as_view(),
        name="sample_create",
    ),
    path(
        "uitnodigen/steekproeven/<int:pk>/",
        views_sampling.SamplePlanDetailView.as_view(),
        name="sample_detail",
    ),
    path(
        "uitnodigen/steekproeven/<int:pk>/trekken/",
        views_sampling.SamplePlanDrawView.as_view(),
        name="sample_draw",
    ),
    path("beheer/zgw/", views_zgw.ZgwOverviewView.as_view(), name="zgw"),
    path("beheer/open-klant/", views_openklant.OpenKlantConnectionView.as_view(), name="openklant"),
    path(
        "beheer/open-klant/nieuw-token/",
        views_openklant.OpenKlantTokenView.as_view(),
        name="openklant_token",
    ),
    path("beheer/zgw/koppeling/", views_zgw.ZgwConnectionEditView.as_view(), name="zgw_connection"),
    path("beheer/zgw/testen/", views_zgw.ZgwTestView.as_view(), name="zgw_test"),
    path("beheer/zgw/nieuw-token/", views_zgw.ZgwTokenView.as_view(), name="zgw_token"),
    path(
        "beheer/zgw/zaaktypen/nieuw/",
        views_zgw.MappingCreateView.as_view(),
        name="zgw_mapping_create",
    ),
    path(
        "beheer/zgw/zaaktypen/<int:pk>/",
        views_zgw.MappingUpdateView.as_view(),
        name="zgw_mapping_update",
    ),
    path(
        "beheer/zgw/zaaktypen/<int:pk>/verwijderen/",
        views_zgw.MappingDeleteView.as_view(),
        name="zgw_mapping_delete",
    ),
]
