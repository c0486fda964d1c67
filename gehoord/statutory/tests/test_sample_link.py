"""A yearly plan with a sample links to the sample screen with its year filled in."""

from datetime import date
from urllib.parse import parse_qs, urlparse

import pytest
from django.urls import reverse

from gehoord.catalog.tests.factories import make_service
from gehoord.outreach import service as outreach_service
from gehoord.outreach.tests.factories import make_rule

from .helpers import wmo_world

pytestmark = pytest.mark.django_db


def test_a_sample_year_links_to_a_prefilled_sample(client_a, org_a):
    plan, questionnaire = wmo_world(org_a, 2025)
    plan.sampling, plan.sample_size = "sample", 300
    plan.save()
    rule = make_rule(make_service(org_a, "Hulp bij het huishouden", code="hh"), questionnaire)
    page = client_a.get(reverse("statutory:detail", args=[plan.pk])).content.decode()
    assert "Nieuwe steekproef voor Hulp bij het huishouden" in page
    start = page.index(reverse("outreach:sample_create"))
    link = page[start : page.index('"', start)].replace("&amp;", "&")
    values = parse_qs(urlparse(link).query)
    assert values["rule"] == [str(rule.pk)]
    assert values["events_from"] == ["2025-01-01"] and values["events_until"] == ["2025-12-31"]
    assert values["size"] == ["300"]
    form = client_a.get(link).content.decode()
    assert 'value="2025-01-01"' in form and 'value="300"' in form
    sample = outreach_service.new_sample_plan(
        org_a,
        rule,
        name="Wmo 2025 steekproef",
        strata=["district"],
        size=300,
        events_from=date(plan.year, 1, 1),
        events_until=date(plan.year, 12, 31),
        seed=77,
    )
    page = client_a.get(reverse("statutory:detail", args=[plan.pk])).content.decode()
    assert sample.name in page and "startgetal 77" in page
