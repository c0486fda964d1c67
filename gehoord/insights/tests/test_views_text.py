"""The text analytics and triangulation pages."""

import pytest
from django.urls import reverse

from gehoord.catalog.models import Service
from gehoord.insights import periods, text
from gehoord.insights.models import TextAnalysis
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db


def test_text_page_shows_themes_masked_quotes_and_sentiment(
    analyst, demo_org, django_assert_max_num_queries
):
    text.compute(demo_org, periods.rolling_window())
    with django_assert_max_num_queries(25):
        response = analyst.get(reverse("insights:text"))
    assert response.status_code == 200
    page = response.content.decode()
    for expected in ("Wachttijd", "Wat kan er beter?", "<q>"):
        assert expected in page, expected
    sentiment = text.latest(demo_org, periods.rolling_window(), None).result["sentiment"]
    if sentiment["quality"] is None:
        assert sentiment["problem"] in page and "Sentiment (0–100)" not in page
    elif sentiment["useful"]:
        assert "Sentiment (0–100)" in page and 'id="sentiment-not-shown"' not in page
    else:
        assert "Daarom tonen we geen sentiment" in page and "Sentiment (0–100)" not in page
    if sentiment["quality"] is not None:
        auc = f"{sentiment['quality']['score']:.2f}".replace(".", ",")
        assert f"AUC van {auc}" in page
    assert reverse("insights:text") in analyst.get(reverse("insights:overview")).content.decode()


def test_missing_analysis_can_be_requested(analyst, demo_org):
    from huey.contrib.djhuey import HUEY

    service = Service.objects.filter(organisation=demo_org).first()
    url = reverse("insights:text")
    params = {"periode": "venster", "dienst": service.pk}
    page = analyst.get(url, params).content.decode()
    assert 'method="post"' in page
    HUEY.immediate = True
    try:
        response = analyst.post(f"{url}?periode=venster&dienst={service.pk}")
    finally:
        HUEY.immediate = False
    assert response.status_code == 302
    analysis = TextAnalysis.objects.get(organisation=demo_org, service=service)
    page = analyst.get(url, params).content.decode()
    assert "empty-state" not in page and f"{analysis.n} open" in page


def test_text_page_of_another_organisation_shows_nothing(client, demo_org, org_b, make_member):
    text.compute(demo_org, periods.rolling_window())
    client.force_login(make_member(Role.ANALYST, org_b))
    page = client.get(reverse("insights:text")).content.decode()
    assert "Wachttijd" not in page


def test_triangulation_page(analyst, django_assert_max_num_queries):
    # The survey figures of all services come from three grouped queries, so the count
    # does not grow with the number of services.
    with django_assert_max_num_queries(20):
        response = analyst.get(reverse("insights:triangulation"))
    assert response.status_code == 200
    assert "Wachttijd" in response.content.decode()


def test_triangulation_page_for_one_service(analyst, demo_org, django_assert_max_num_queries):
    service = Service.objects.filter(organisation=demo_org).order_by("name").last()
    other = Service.objects.filter(organisation=demo_org).order_by("name").first()
    with django_assert_max_num_queries(20):
        response = analyst.get(reverse("insights:triangulation"), {"dienst": service.pk})
    rows = response.context["rows"]
    assert rows and {r.service_id for r in rows} == {service.pk}
    assert other.name not in response.content.decode().split("<table")[1]


def test_sentiment_that_does_not_beat_the_baseline_is_hidden(analyst, demo_org):
    """The page shows what the stored analysis says; here the sentiment model of a
    memorised corpus (every text repeated with its grade) does not beat the baseline."""
    from gehoord.insights import text_sentiment
    from gehoord.insights.tests.test_text_sentiment import rows_of

    pairs = [(f"{w} {w} bij de balie", g) for w, g in zip(WORDS, [3, 9] * 40, strict=False)]
    sentiment = text_sentiment.train(rows_of(pairs * 3))
    assert sentiment.model is not None and not sentiment.useful
    analysis = text.compute(demo_org, periods.rolling_window())
    analysis.result["sentiment"] = sentiment.summary()
    analysis.save()
    page = analyst.get(reverse("insights:text")).content.decode()
    assert 'id="sentiment-not-shown"' in page
    assert "Het sentimentmodel voorspelt niet beter dan gokken" in page
    assert "Sentiment (0–100)" not in page


WORDS = [a + b + c for a in "bdfgk" for b in "aeiou" for c in ("lo", "ra", "mi")][:80]
