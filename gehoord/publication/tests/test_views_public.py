"""The public results: nothing unpublished, nothing suppressed, sortable, embeddable."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from gehoord.catalog.models import Service
from gehoord.catalog.tests.factories import make_service
from gehoord.publication import query
from gehoord.publication.tests.factories import make_publication_settings


def url_of(organisation, service=None):
    if service is None:
        return reverse("publication:public_services", args=[organisation.slug])
    return reverse(
        "publication:public_service", args=[organisation.slug, query.service_key(service)]
    )


def published(organisation):
    return query.published_services(organisation)


@pytest.mark.django_db
def test_nothing_is_public_until_switched_on(client, org_a):
    service = make_service(org_a, "Paspoort", code="paspoort")
    assert client.get(url_of(org_a)).status_code == 404
    assert client.get(url_of(org_a, service)).status_code == 404
    settings = make_publication_settings(org_a, enabled=False, services=[service])
    assert client.get(url_of(org_a, service)).status_code == 404
    settings.enabled = True
    settings.save()
    assert client.get(url_of(org_a)).status_code == 200
    assert client.get(url_of(org_a, service)).status_code == 200
    assert client.get(url_of(org_a) + "onbekend/").status_code == 404


def test_published_service_shows_providers_area_and_selected_items(client, demo_org):
    service = published(demo_org)[0]
    settings = query.settings_of(demo_org)
    selected = list(settings.selected_questions.all())
    response = client.get(url_of(demo_org, service))
    assert response.status_code == 200
    html = response.content.decode()
    results = query.public_results(demo_org, service)
    assert results.providers
    for row in results.providers:
        assert escape(row.name) in html
    for question in selected:
        assert question.text_nl in html
    assert '<th scope="col">' in html and "<caption>" in html
    # An unpublished service is not reachable, even by its code.
    hidden = (
        Service.objects.filter(organisation=demo_org)
        .exclude(pk__in=[s.pk for s in published(demo_org)])
        .first()
    )
    assert client.get(url_of(demo_org, hidden)).status_code == 404
    assert hidden.name not in client.get(url_of(demo_org)).content.decode()


def test_suppressed_figures_never_leak(client, demo_org):
    service = published(demo_org)[0]
    demo_org.minimum_n = 10_000
    demo_org.save()
    html = client.get(url_of(demo_org, service)).content.decode()
    # Every figure is suppressed: no value and no interval is rendered anywhere.
    assert 'class="figure"' not in html
    assert "figure-ci" not in html
    assert 'class="figure figure--suppressed"' in html


def test_sorting_by_grade_puts_the_highest_first(client, demo_org):
    service = published(demo_org)[0]
    html = client.get(url_of(demo_org, service) + "?sorteer=cijfer").content.decode()
    rows = query.public_results(demo_org, service, "cijfer").providers
    shown = [r for r in rows if r.grade.shown]
    assert [r.grade.value for r in shown] == sorted((r.grade.value for r in shown), reverse=True)
    positions = [html.index(f'<th scope="row">{escape(r.name)}</th>') for r in rows]
    assert positions == sorted(positions)
    by_name = client.get(url_of(demo_org, service) + "?sorteer=naam").content.decode()
    names = sorted(escape(r.name).lower() for r in rows)
    positions = [by_name.lower().index(f'<th scope="row">{n}</th>') for n in names]
    assert positions == sorted(positions)
    # Anything else falls back to the name order, without an error.
    assert client.get(url_of(demo_org, service) + "?sorteer=<x>").status_code == 200


def test_only_the_embed_variant_may_be_framed(client, demo_org):
    service = published(demo_org)[0]
    normal = client.get(url_of(demo_org, service))
    assert normal["X-Frame-Options"] == "DENY"
    assert "site-header" in normal.content.decode()
    embedded = client.get(url_of(demo_org, service) + "?insluiten=1")
    assert "X-Frame-Options" not in embedded
    # With no websites listed, only gehoord itself may frame the page.
    assert "frame-ancestors 'self';" in embedded["Content-Security-Policy"] + ";"
    assert "script-src 'self'" in embedded["Content-Security-Policy"]
    assert "unsafe-inline" not in embedded["Content-Security-Policy"]
    assert "site-header" not in embedded.content.decode()
    assert "site-footer" not in embedded.content.decode()
    settings = query.settings_of(demo_org)
    settings.frame_origins = "https://www.voorbeeld.nl\n"
    settings.save()
    embedded = client.get(url_of(demo_org, service) + "?insluiten=1")
    assert "frame-ancestors 'self' https://www.voorbeeld.nl;" in (
        embedded["Content-Security-Policy"] + ";"
    )
    assert "frame-ancestors 'none'" in normal["Content-Security-Policy"]


def test_public_page_query_count(client, demo_org, django_assert_max_num_queries):
    service = published(demo_org)[0]
    with django_assert_max_num_queries(15):
        assert client.get(url_of(demo_org, service)).status_code == 200
