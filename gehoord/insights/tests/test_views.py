"""Results screens on the demo data: figures shown, suppression visible, pages cheap."""

from html import escape

import pytest
from django.urls import reverse

from gehoord.catalog.models import Provider, Service
from gehoord.insights import driver_analysis
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db


def test_overview_shows_key_figures_trend_table_and_segments(analyst):
    response = analyst.get(reverse("insights:overview"))
    assert response.status_code == 200
    page = response.content.decode()
    for text in (
        "Rapportcijfer",
        "Rapportcijfer per maand",
        "Alle vragen",
        "Centrum",
        "Tonen als tabel",
        "95%-interval",
    ):
        assert text in page, text
    # Questions that share a text (the demo's two "Ik werd snel geholpen.") name their set,
    # never their internal code.
    figures = response.context["figures"]
    shared = [f for f in figures if sum(g.text == f.text for g in figures) > 1]
    assert len(shared) >= 2 and len({f.set_label for f in shared}) >= 2
    for figure in shared:
        assert f'{escape(figure.text)} <span class="muted">({figure.set_label})</span>' in page
        assert f"({figure.code})" not in page


def test_overview_query_count_does_not_grow_with_filters(
    analyst, demo_org, django_assert_max_num_queries
):
    with django_assert_max_num_queries(40):
        analyst.get(reverse("insights:overview"))
    provider = Provider.objects.filter(organisation=demo_org).first()
    with django_assert_max_num_queries(40):
        response = analyst.get(
            reverse("insights:overview"),
            {"aanbieder": provider.pk, "periode": "venster", "indeling": "age_band"},
        )
    assert response.status_code == 200


def test_small_selection_shows_too_few_responses(analyst, demo_org):
    demo_org.minimum_n = 1000
    demo_org.save()
    page = analyst.get(reverse("insights:overview")).content.decode()
    assert "te weinig reacties" in page


def test_bad_filters_are_ignored_with_a_message(analyst):
    response = analyst.get(
        reverse("insights:overview"),
        {"aanbieder": "999999", "periode": "gisteren", "kanaal": "<b>"},
    )
    assert response.status_code == 200
    assert "konden niet worden gebruikt" in response.content.decode()


def test_provider_comparison_lists_providers_beside_the_area(
    analyst, demo_org, django_assert_max_num_queries
):
    service = Service.objects.filter(organisation=demo_org, providers__isnull=False).first()
    with django_assert_max_num_queries(30):
        response = analyst.get(reverse("insights:providers"), {"dienst": service.pk})
    page = response.content.decode()
    assert "Gebied (gewogen)" in page
    for provider in service.providers.all()[:3]:
        assert escape(provider.name) in page


def test_provider_comparison_opens_on_a_service_that_has_providers(analyst, demo_org):
    services = list(Service.objects.filter(organisation=demo_org))
    assert not services[0].providers.exists()  # the first service alone would show nothing
    page = analyst.get(reverse("insights:providers")).content.decode()
    assert "Gebied (gewogen)" in page


def test_drivers_page_shows_the_matrix_and_the_advice(analyst, demo_org):
    driver_analysis.compute(demo_org)
    page = analyst.get(reverse("insights:drivers")).content.decode()
    assert "Eerst verbeteren" in page or "Eerst verbeteren:" in page
    assert "data-vega-spec" in page and "Snelheid" in page


def test_drivers_page_for_a_selection_without_responses_says_so(analyst, demo_org):
    # The analysis is made per selection on request; a service nobody answered about yet
    # has no rows, so the page explains instead of showing a matrix.
    new_service = Service.objects.create(organisation=demo_org, name="Nieuwe dienst")
    page = analyst.get(reverse("insights:drivers"), {"dienst": new_service.pk})
    assert "Geen analyse mogelijk" in page.content.decode()


def test_benchmark_page_renders(analyst):
    response = analyst.get(reverse("insights:benchmark"))
    assert response.status_code == 200
    # The demo's peers: enough organisations of Voorbeeld's size, two of them named.
    page = response.content.decode()
    assert "te weinig organisaties" not in page
    assert "Gemeente Lindewaard" in page and "Gemeente Duinhaven" not in page


def test_interviewers_and_providers_cannot_open_results(client, demo_org, make_member):
    client.force_login(make_member(Role.INTERVIEWER, demo_org))
    assert client.get(reverse("insights:overview")).status_code == 403
