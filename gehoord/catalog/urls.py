from django.urls import path

from . import forms, models, views, views_access

app_name = "catalog"


def catalog_routes(
    kind: str, segment: str, model, form, list_options=None, create=None, update=None
) -> list:
    """List, create, edit, archive and restore routes for one kind of catalogue record."""
    config = {"kind": kind, "model": model}
    create = create or views.CatalogCreateView
    update = update or views.CatalogUpdateView
    return [
        path(
            f"{segment}/",
            views.CatalogListView.as_view(**config, **(list_options or {})),
            name=f"{kind}_list",
        ),
        path(f"{segment}/nieuw/", create.as_view(**config, form_class=form), name=f"{kind}_create"),
        path(
            f"{segment}/<int:pk>/bewerken/",
            update.as_view(**config, form_class=form),
            name=f"{kind}_update",
        ),
        path(
            f"{segment}/<int:pk>/archiveren/",
            views.CatalogArchiveView.as_view(**config),
            name=f"{kind}_archive",
        ),
        path(
            f"{segment}/<int:pk>/terugzetten/",
            views.CatalogArchiveView.as_view(**config, restore=True),
            name=f"{kind}_restore",
        ),
    ]


urlpatterns = [
    path(
        "aanbieders/toegang/<int:pk>/",
        views_access.ProviderAccessView.as_view(),
        name="provider_access",
    ),
    path(
        "teams/toegang/<int:pk>/",
        views_access.TeamAccessView.as_view(),
        name="team_access",
    ),
    path(
        "teams/api-sleutel/<int:pk>/",
        views_access.ApiKeyTeamsView.as_view(),
        name="api_key_teams",
    ),
    *catalog_routes("service", "diensten", models.Service, forms.ServiceForm),
    *catalog_routes(
        "provider",
        "aanbieders",
        models.Provider,
        forms.ProviderForm,
        list_options={"prefetch": ("services",)},
    ),
    *catalog_routes("team", "teams", models.Team, forms.TeamForm),
    *catalog_routes(
        "journey",
        "klantreizen",
        models.Journey,
        forms.JourneyForm,
        list_options={"prefetch": ("stages",), "select": ("service",)},
        create=views.JourneyCreateView,
        update=views.JourneyUpdateView,
    ),
]
