"""The REST API: each app contributes a router; OpenAPI docs at /api/v1/docs.

By the Dutch REST API Design Rules: the OpenAPI document is served as JSON at
/api/v1/openapi.json (API-51) with a semantic version in `info.version`, every response
carries that version in an `API-Version` header (API-57), and errors are problem details
(see problems.py). docs/openapi.json is the committed copy (`make openapi` rewrites it; a
test fails when it differs from the generated one).
"""

import json
from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, re_path
from ninja import NinjaAPI
from ninja.responses import NinjaJSONEncoder

from gehoord.feedback.api import router as feedback_router
from gehoord.framework.api import router as framework_router
from gehoord.improvement.api import router as improvement_router
from gehoord.insights.api import responses_router
from gehoord.insights.api import router as insights_router
from gehoord.outreach.api import router as outreach_router
from gehoord.tenancy.models import ApiScope

from . import problems
from .auth import OrganisationApiKey

# Semantic version of the API: major = the /v1/ in the URL; raise minor for an addition,
# patch for a fix that changes no contract. Regenerate docs/openapi.json after a change.
API_VERSION = "1.1.0"
ROOT = "/api/v1/"

api = NinjaAPI(
    title="gehoord API",
    version=API_VERSION,
    urls_namespace="api",
    auth=OrganisationApiKey(),
    docs_url="/docs",
    description="Events in, figures out. Authenticate with X-API-Key.",
)
# Each router asks its own scope of the key (the ZGW webhook keeps its own token).
api.add_router("/", outreach_router, auth=OrganisationApiKey(ApiScope.EVENTS))
api.add_router("/", insights_router, auth=OrganisationApiKey(ApiScope.FIGURES))
api.add_router("/", feedback_router, auth=OrganisationApiKey(ApiScope.SIGNALS))
api.add_router("/", framework_router, auth=OrganisationApiKey(ApiScope.QUESTIONNAIRES))
api.add_router("/", responses_router, auth=OrganisationApiKey(ApiScope.RESPONSES))
api.add_router("/", improvement_router, auth=OrganisationApiKey(ApiScope.ACTIONS))
problems.install(api)


def openapi_document() -> str:
    """The OpenAPI document as deterministic JSON: sorted keys, two-space indent, newline."""
    schema = api.get_openapi_schema(path_prefix=ROOT)
    return (
        json.dumps(schema, cls=NinjaJSONEncoder, indent=2, sort_keys=True, ensure_ascii=False)
        + "\n"
    )


def _versioned(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Add `API-Version` to whatever the view answers, errors and docs included."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["API-Version"] = API_VERSION
        return response

    return wrapper


def _public(patterns: list) -> list:
    """API routes authenticate with a key, not a session: no log-in redirect.

    Each route also gets the `API-Version` header."""
    for entry in patterns:
        if isinstance(entry, URLResolver):
            _public(entry.url_patterns)
        elif isinstance(entry, URLPattern):
            entry.callback = login_not_required(_versioned(entry.callback))
    return patterns


def not_found(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
    """Any address under /api/ that is no endpoint: problem details, not an HTML page."""
    return problems.problem_response(404, f"no such API endpoint: {request.path}")


def urls():
    patterns, app_name, namespace = api.urls
    # Last: what no endpoint matched (a wrong version, a typo) answers as the API does.
    fallback = re_path(r"^.*$", not_found, name="not_found")
    return _public([*patterns, fallback]), app_name, namespace


def fallback_urls() -> list[URLPattern]:
    """For /api/ outside /api/v1/ (gehoord.urls): the same problem-details 404."""
    return _public([re_path(r"^.*$", not_found, name="api_not_found")])
