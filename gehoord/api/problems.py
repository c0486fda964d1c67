"""API errors as RFC 9457 problem details (`application/problem+json`).

The Dutch API Design Rules ask for problem details on every error: `type`, `title`,
`status` and `detail`; a validation error also lists each invalid parameter under
`invalidParams` (name, code, reason), as the NL GOV problem-details extension does.
"""

import json
from http import HTTPStatus
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

PROBLEM_CONTENT_TYPE = "application/problem+json"


def problem_response(status: int, detail: str, **extra: Any) -> HttpResponse:
    """A problem-details response; `type` is about:blank, so `title` is the status phrase."""
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extra,
    }
    return HttpResponse(
        json.dumps(body, ensure_ascii=False),
        status=status,
        content_type=PROBLEM_CONTENT_TYPE,
    )


def _invalid_params(errors: list[dict[str, Any]]) -> list[dict[str, str]]:
    params = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ())]
        # ninja puts the source first ("body", "query", "path") and the schema name next.
        name = ".".join(location[2:] or location[1:] or location)
        params.append(
            {"name": name, "code": str(error.get("type", "")), "reason": str(error.get("msg", ""))}
        )
    return params


def install(api: NinjaAPI) -> None:
    """Make every error the API itself raises a problem-details response."""

    # ninja's handler type also admits the exception class itself; handlers get instances.
    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(exc.status_code, str(exc))

    def validation_error(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(
            422,
            "the request has invalid parameters",
            invalidParams=_invalid_params(list(exc.errors)),
        )

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return problem_response(404, "not found")

    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(ValidationError, validation_error)
    api.add_exception_handler(Http404, not_found)
