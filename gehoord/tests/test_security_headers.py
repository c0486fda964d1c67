"""The security headers on staff, respondent and public pages (docs/security-headers.md)."""

import pytest
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import Client

from gehoord.surveys import service
from gehoord.surveys.tests.factories import build_questionnaire


def directives(response) -> dict[str, str]:
    """The Content-Security-Policy as {directive: its sources}."""
    policy = response.headers["Content-Security-Policy"]
    parts = (part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    return {part[0]: part[1] if len(part) > 1 else "" for part in parts}


def assert_strict(response, frame_ancestors: str = "'none'") -> None:
    policy = directives(response)
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"  # no 'unsafe-inline'; a nonce only where used
    assert policy["object-src"] == "'none'"
    assert policy["base-uri"] == "'self'"
    assert policy["form-action"] == "'self'"
    assert policy["frame-ancestors"] == frame_ancestors
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    permissions = response.headers["Permissions-Policy"]
    assert "camera=()" in permissions and "geolocation=()" in permissions
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_the_login_page(client):
    response = client.get("/inloggen/")
    assert response.status_code == 200
    assert_strict(response)
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_staff_pages(client_a):
    for path in ("/", "/beheer/zgw/"):
        response = client_a.get(path)
        assert response.status_code == 200, path
        assert_strict(response)
        assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_respondent_pages(org_a):
    questionnaire = build_questionnaire(org_a)
    token = service.issue_token(questionnaire)
    response = Client().get(f"/v/{token.token}/")
    assert response.status_code == 200
    assert_strict(response)


@pytest.mark.django_db
def test_public_results_pages(client, demo_org):
    url = f"/o/{demo_org.slug}/resultaten/"
    normal = client.get(url)
    assert normal.status_code == 200
    assert_strict(normal)
    assert normal.headers["X-Frame-Options"] == "DENY"
    embedded = client.get(url + "?insluiten=1")
    assert_strict(embedded, frame_ancestors="'self'")
    assert "X-Frame-Options" not in embedded.headers


@pytest.mark.django_db
def test_a_page_that_uses_the_nonce_gets_it_in_its_policy(rf):
    def view(request):
        return HttpResponse(f'<style nonce="{request.csp_nonce}">p {{}}</style>')

    request = rf.get("/")
    middleware = CSPMiddleware(view)
    response = middleware(request)
    nonce = response.content.decode().split('nonce="')[1].split('"')[0]
    assert f"'nonce-{nonce}'" in directives(response)["style-src"]
