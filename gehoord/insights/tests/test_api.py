"""GET /api/v1/figures: the screens' figures, with n and suppression, for one organisation."""

import pytest

from gehoord.catalog.models import Service
from gehoord.insights import metrics, periods
from gehoord.tenancy import service as tenancy_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def key(demo_org):
    return tenancy_service.create_api_key(demo_org, "dashboard")[1]


def get(client, key, url, **params):
    return client.get(url, params, headers={"X-API-Key": key})


def test_figures_equal_the_screens(client, key, demo_org):
    response = get(client, key, "/api/v1/figures")
    assert response.status_code == 200
    body = response.json()
    assert body["period"] == "venster" and body["minimum_n"] == demo_org.minimum_n
    screen = {f.code: f for f in metrics.question_figures(demo_org, periods.rolling_window())}
    grade = next(q for q in body["questions"] if q["question"] == "core_grade")
    assert grade["mean"]["n"] == screen["core_grade"].mean.n
    # Rounded as on screen: the API is not more exact than the screen.
    assert grade["mean"]["value"] == round(screen["core_grade"].mean.value, 1)
    assert f"{grade['mean']['value']:.1f}".replace(".", ",") in screen["core_grade"].mean.display


def test_suppressed_figures_carry_no_n(client, key, demo_org):
    demo_org.minimum_n = 1000
    demo_org.save()
    body = get(client, key, "/api/v1/figures").json()
    assert body["questions"]
    screen = {f.code: f for f in metrics.question_figures(demo_org, periods.rolling_window())}
    hidden = 0
    for question in body["questions"]:
        for kind in ("mean", "share"):
            figure = question[kind]
            if getattr(screen[question["question"]], kind).suppressed:
                hidden += 1
                assert figure["suppressed"] and figure["suppression"] == "too_few"
                assert figure["n"] is None and figure["value"] is None
                assert figure["ci_low"] is None and figure["verdict"] is None
                assert question["not_applicable"] is None or kind == "share"
            else:
                assert figure["n"] >= 1000
    assert hidden


def test_unknown_filters_are_422(client, key):
    assert get(client, key, "/api/v1/figures", service="nope").status_code == 422
    assert get(client, key, "/api/v1/figures", provider=999999).status_code == 422
    assert get(client, key, "/api/v1/figures", provider="x").status_code == 422


def test_provider_figures_and_another_organisations_key(client, key, demo_org, org_b):
    service = Service.objects.filter(organisation=demo_org, providers__isnull=False).first()
    body = get(client, key, "/api/v1/figures/providers", service=service.code).json()
    assert body["providers"] and "core_grade" in body["area"]
    other = tenancy_service.create_api_key(org_b, "x")[1]
    # Another organisation does not know this service code and sees none of these figures.
    assert get(client, other, "/api/v1/figures/providers", service=service.code).status_code == 422
    assert get(client, other, "/api/v1/figures").json()["questions"] == []
    assert client.get("/api/v1/figures").status_code == 401


def test_control_characters_in_filters_are_422_not_500(client, org_a):
    key = tenancy_service.create_api_key(org_a, "dashboard")[1]
    for url, params in (
        ("/api/v1/figures", {"service": "wmo\x00"}),
        ("/api/v1/figures", {"channel": "\x00"}),
        ("/api/v1/figures", {"period": "2026-11\x00"}),
        ("/api/v1/figures/providers", {"service": "wmo\x00"}),
    ):
        response = get(client, key, url, **params)
        assert response.status_code == 422, (url, params, response.content)
        assert "stuurteken" in response.content.decode("unicode_escape"), response.content
