"""The API by the Dutch REST API Design Rules: OpenAPI JSON at a stable URL with a semantic
version, an API-Version header on every response, problem details for errors, and the
committed docs/openapi.json equal to the generated document."""

import json
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gehoord.api.api import API_VERSION, openapi_document
from gehoord.tenancy import service as tenancy_service

pytestmark = pytest.mark.django_db
COMMITTED = Path(__file__).resolve().parents[3] / "docs" / "openapi.json"
SEMVER = re.compile(r"^\d+\.\d+\.\d+$")


@pytest.fixture
def key(org_a):
    return tenancy_service.create_api_key(org_a, "koppeling")[1]


def test_openapi_document_is_json_at_a_stable_url_with_a_semantic_version(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert SEMVER.match(document["info"]["version"])
    assert document["info"]["version"] == API_VERSION
    assert response["API-Version"] == API_VERSION
    assert "/api/v1/signals" in document["paths"]


def test_committed_openapi_document_equals_the_generated_one(client):
    committed = COMMITTED.read_text(encoding="utf-8")
    assert committed == openapi_document(), "docs/openapi.json is stale: run `make openapi`"
    assert json.loads(committed) == client.get("/api/v1/openapi.json").json()


def test_openapi_command_check_fails_on_a_stale_file(tmp_path):
    stale = tmp_path / "openapi.json"
    stale.write_text("{}\n", encoding="utf-8")
    with pytest.raises(CommandError, match="out of date"):
        call_command("openapi", "--check", "--output", str(stale))
    call_command("openapi", "--output", str(stale))
    assert stale.read_text(encoding="utf-8") == openapi_document()
    call_command("openapi", "--check", "--output", str(stale))


@pytest.mark.parametrize(
    "path", ["/api/v1/signals", "/api/v1/figures", "/api/v1/docs", "/api/v1/openapi.json"]
)
def test_every_api_response_carries_the_api_version(client, key, path):
    with_key = client.get(path, headers={"X-API-Key": key})
    without_key = client.get(path)
    assert with_key["API-Version"] == API_VERSION
    assert without_key["API-Version"] == API_VERSION


def assert_problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response["API-Version"] == API_VERSION
    body = response.json()
    assert body["status"] == status
    assert body["type"] == "about:blank"
    assert body["title"] and isinstance(body["detail"], str) and body["detail"]
    return body


def test_missing_key_is_a_problem(client):
    body = assert_problem(client.get("/api/v1/signals"), 401)
    assert body["title"] == "Unauthorized"


def test_key_without_the_scope_is_a_problem(client, org_a):
    figures_only = tenancy_service.create_api_key(org_a, "cijfers", scopes=["figures"])[1]
    response = client.get("/api/v1/signals", headers={"X-API-Key": figures_only})
    body = assert_problem(response, 403)
    assert body["title"] == "Forbidden" and "signals" in body["detail"]


def test_domain_error_is_a_problem(client, key):
    response = client.post(
        "/api/v1/signals",
        data=json.dumps(
            {"kind": "complaint", "received_on": "2026-03-02", "text": "x", "service": "nope"}
        ),
        content_type="application/json",
        headers={"X-API-Key": key},
    )
    body = assert_problem(response, 422)
    assert body["detail"] == "unknown service code: nope"


def test_validation_error_is_a_problem_listing_the_invalid_params(client, key):
    response = client.post(
        "/api/v1/signals",
        data=json.dumps({"kind": "nonsense", "received_on": "31-11-2026", "text": "x"}),
        content_type="application/json",
        headers={"X-API-Key": key},
    )
    body = assert_problem(response, 422)
    names = {param["name"] for param in body["invalidParams"]}
    assert names == {"kind", "received_on"}
    assert all(param["code"] and param["reason"] for param in body["invalidParams"])
