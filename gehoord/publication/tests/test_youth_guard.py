"""The Jeugdwet guard: answers to a youth-care questionnaire never appear per provider on
any publication path (public page, embedded page, contract report, provider portal), and
stay available per provider on the internal results."""

from datetime import datetime

import pytest
from django.urls import reverse

from gehoord.catalog.tests.factories import make_provider, make_service
from gehoord.framework import query as framework_query
from gehoord.framework.tests.factories import published_questionnaire
from gehoord.insights import query as insights
from gehoord.insights import service as insights_service
from gehoord.publication import query as publication_query
from gehoord.publication import service as publication_service
from gehoord.surveys import service as survey_service
from gehoord.testing import AMSTERDAM


def answered(version, items, rows, year, month, **segment):
    """Store one response per row ({code: value}) on the first days of one month."""
    records = []
    for index, values in enumerate(rows):
        submitted = datetime(year, month, 1 + index % 28, 12, 0, tzinfo=AMSTERDAM)
        answers = {str(items[c].pk): v for c, v in values.items()}
        records.append({"answers": answers, "submitted_at": submitted, **segment})
    survey_service.import_responses(version, records)


pytestmark = pytest.mark.django_db

YOUTH_CODES = ("core_grade", "jo_ouder_03_serieus", "jo_ouder_04_kwaliteit")


@pytest.fixture
def youth_world(org_a):
    """One youth-care service with two providers; only youth-care answers (12 each)."""
    service = make_service(org_a, "Jeugdhulp ambulant", code="jeugd-ambulant")
    providers = [make_provider(org_a, name, services=[service]) for name in ("Kompas", "Horizon")]
    youth = published_questionnaire(org_a, "Jeugd ouders", YOUTH_CODES, services=[service])
    for provider in providers:
        rows = [{"core_grade": 8, "jo_ouder_03_serieus": 5, "jo_ouder_04_kwaliteit": 4}] * 12
        answered(youth.version, youth.items, rows, 2026, 10, service=service, provider=provider)
    insights_service.rebuild_rollups(org_a)
    bank = list(framework_query.bank(org_a).filter(code__in=YOUTH_CODES[1:]))
    publication_service.publish(org_a, [service], bank)
    return service, providers


def test_internal_results_keep_the_youth_answers_per_provider(org_a, youth_world):
    service, providers = youth_world
    names = {p.pk: p.name for p in providers}
    comparison = insights.provider_comparison(org_a, service.pk, insights.rolling_window(), names)
    assert {p.provider_id for p in comparison.providers} == set(names)


def test_no_publication_read_shows_a_provider(org_a, youth_world):
    service, providers = youth_world
    assert publication_query.public_results(org_a, service).providers == []
    assert publication_query.contract_report(org_a, service).providers == []
    for provider in providers:
        (portal,) = publication_query.portal(org_a, provider)
        assert portal.row is None
        assert all(month.own.n in (None, 0) for month in portal.trend)


def test_public_and_embedded_pages_name_no_provider(client, org_a, youth_world):
    service, providers = youth_world
    url = reverse("publication:public_service", args=[org_a.slug, "jeugd-ambulant"])
    for page in (client.get(url), client.get(url + "?insluiten=1")):
        assert page.status_code == 200
        html = page.content.decode()
        for provider in providers:
            assert provider.name not in html


def test_contract_report_names_no_provider_and_says_why(client_a, org_a, youth_world):
    service, providers = youth_world
    html = client_a.get(reverse("publication:contract_report"), {"dienst": service.pk})
    text = html.content.decode()
    for provider in providers:
        assert provider.name not in text
    assert "Jeugdwet" in text and "art. 2.10" in text
    settings_page = client_a.get(reverse("publication:settings")).content.decode()
    assert "art. 2.10" in settings_page


def test_other_answers_of_the_same_providers_are_still_published(org_a, youth_world):
    service, providers = youth_world
    other = published_questionnaire(org_a, "Algemeen", ("core_grade",), services=[service])
    rows = [{"core_grade": 6}] * 11
    answered(other.version, other.items, rows, 2026, 10, service=service, provider=providers[0])
    insights_service.rebuild_rollups(org_a)
    results = publication_query.public_results(org_a, service)
    (row,) = results.providers
    assert row.provider_id == providers[0].pk
    # Only the 11 general answers: the 12 youth-care grades are left out.
    assert row.grade.n == 11
    assert row.grade.value == 6.0
