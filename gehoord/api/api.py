"""The REST API: each app contributes a router; OpenAPI docs at /api/v1/docs."""

from django.contrib.auth.decorators import login_not_required
from django.urls import URLPattern, URLResolver
from ninja import NinjaAPI

from gehoord.feedback.api import router as feedback_router
from gehoord.insights.api import router as insights_router
from gehoord.outreach.api import router as outreach_router
from gehoord.tenancy.models import ApiScope

from .auth import OrganisationApiKey

api = NinjaAPI(
    title="gehoord API",
    version="1",
    urls_namespace="api",
    auth=OrganisationApiKey(),
    docs_url="/docs",
    description="Events in, figures out. Authenticate with X-API-Key.",
)
# Each router asks its own scope of the key (the ZGW webhook keeps its own token).
api.add_router("/", outreach_router, auth=OrganisationApiKey(ApiScope.EVENTS))
api.add_router("/", insights_router, auth=OrganisationApiKey(ApiScope.FIGURES))
api.add_router("/", feedback_router, auth=OrganisationApiKey(ApiScope.SIGNALS))


def _public(patterns: list) -> list:
    """API routes authenticate with a key, not a session: no log-in redirect."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            _public(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            entry.callback = login_not_required(entry.callback)
    return patterns


def urls():
    patterns, app_name, namespace = api.urls
    return _public(patterns), app_name, namespace
