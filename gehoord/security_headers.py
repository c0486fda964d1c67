"""Content-Security-Policy and Permissions-Policy on every response (docs/security-headers.md)."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

# No inline script anywhere: the templates load every script from /static/. Styles still allow
# inline because the printable letters and reports carry a <style> block (a follow-up moves
# them into static files).
_BASE_DIRECTIVES = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
]
CONTENT_SECURITY_POLICY = "; ".join([*_BASE_DIRECTIVES, "frame-ancestors 'none'"])


def policy_allowing_frames_from(sources: list[str]) -> str:
    """The same policy for a page that may be embedded, framed only by `sources`."""
    return "; ".join([*_BASE_DIRECTIVES, "frame-ancestors " + " ".join(sources)])


# Features gehoord never uses, switched off for every page and anything it might embed.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "camera",
        "microphone",
        "geolocation",
        "payment",
        "usb",
        "serial",
        "bluetooth",
        "magnetometer",
        "gyroscope",
        "accelerometer",
    )
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # setdefault: a view that needs its own policy (an embeddable page) has already set it.
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
