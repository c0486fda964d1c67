"""The sample plan screens: make a plan (the seed chosen and shown), preview per stratum,
draw once, and follow the strata; scoped to the organisation."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gehoord.catalog.tests.factories import make_service
from gehoord.contacts.tests.factories import make_contact
from gehoord.framework.tests.factories import published_questionnaire
from gehoord.outreach import sampling
from gehoord.outreach.models import Invitation
from gehoord.outreach.models_sampling import SamplePlan, Stratum
from gehoord.outreach.tests.factories import make_event, make_rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def rule(org_a):
    wmo = make_service(org_a, "Wmo", code="wmo")
    questionnaire = published_questionnaire(org_a, "Wmo-onderzoek")
    rule = make_rule(wmo, questionnaire, channels=["email"])
    for district, count in {"Centrum": 12, "Noord": 8}.items():
        for i in range(count):
            contact = make_contact(
                org_a, f"{district} {i}", email=f"{district}{i}@example.org", district=district
            )
            make_event(wmo, contact, date(2026, 3, 1) + timedelta(days=i))
    return rule


def plan_data(rule, **change):
    data = {
        "rule": rule.pk,
        "name": "Wmo 2026",
        "events_from": "2026-01-01",
        "events_until": "2026-12-31",
        "strata": [Stratum.DISTRICT],
        "allocation": "proportional",
        "size": "10",
        "minimum_per_stratum": "0",
        "response_target": "",
        "seed": "",
    }
    data.update(change)
    return data


def test_make_preview_and_draw_a_sample(client_a, rule):
    form = client_a.get(reverse("outreach:sample_create") + f"?rule={rule.pk}&name=Wmo+2027")
    assert form.status_code == 200
    assert 'value="Wmo 2027"' in form.content.decode()  # a statutory year fills in the name
    response = client_a.post(reverse("outreach:sample_create"), plan_data(rule))
    plan = SamplePlan.objects.get(rule=rule)
    assert response.status_code == 302
    assert plan.seed is not None and plan.strata == [Stratum.DISTRICT]
    page = client_a.get(reverse("outreach:sample_detail", args=[plan.pk])).content.decode()
    assert str(plan.seed) in page  # the stored seed is shown
    # 20 people, 10 drawn proportionally: Centrum 12 → 6, Noord 8 → 4.
    assert '<th scope="row">Centrum</th><td>12</td><td>6</td>' in page
    assert '<th scope="row">Noord</th><td>8</td><td>4</td>' in page
    client_a.post(reverse("outreach:sample_draw", args=[plan.pk]))
    assert Invitation.objects.filter(sample_plan=plan).count() == 10
    again = client_a.post(reverse("outreach:sample_draw", args=[plan.pk]), follow=True)
    assert "al getrokken" in again.content.decode()  # drawn once
    assert Invitation.objects.filter(sample_plan=plan).count() == 10
    page = client_a.get(reverse("outreach:sample_detail", args=[plan.pk])).content.decode()
    assert "Getrokken op" in page


def test_a_typed_seed_repeats_a_draw(client_a, rule):
    client_a.post(reverse("outreach:sample_create"), plan_data(rule, seed="12345"))
    plan = SamplePlan.objects.get(rule=rule)
    assert plan.seed == 12345
    copy = sampling.new_plan(
        rule.organisation,
        rule,
        name="copy",
        strata=[Stratum.DISTRICT],
        size=10,
        events_from=date(2026, 1, 1),
        events_until=date(2026, 12, 31),
        seed=12345,
    )
    now = plan.created_at
    assert sampling.preview(plan, now).units == sampling.preview(copy, now).units


def test_bad_input_is_explained_in_dutch(client_a, rule):
    response = client_a.post(
        reverse("outreach:sample_create"),
        plan_data(rule, events_until="2025-12-31", allocation="minimum", minimum_per_stratum="0"),
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "De einddatum ligt vóór de begindatum" in text
    assert "minimum" in text.lower()
    assert not SamplePlan.objects.exists()


def test_another_organisations_rule_cannot_be_chosen(client_a, org_b):
    other = make_rule(
        make_service(org_b, "Wmo", code="wmo"), published_questionnaire(org_b, "Ander")
    )
    response = client_a.post(reverse("outreach:sample_create"), plan_data(other))
    assert response.status_code == 200
    assert not SamplePlan.objects.exists()


def test_the_list_pages_with_a_fixed_number_of_queries(client_a, rule):
    for i in range(3):
        sampling.new_plan(
            rule.organisation,
            rule,
            name=f"Plan {i}",
            strata=[],
            size=5,
            events_from=date(2026, 1, 1),
            events_until=date(2026, 12, 31),
        )
    client_a.get(reverse("outreach:samples"))
    with CaptureQueriesContext(connection) as three:
        client_a.get(reverse("outreach:samples"))
    sampling.new_plan(
        rule.organisation,
        rule,
        name="Plan 4",
        strata=[],
        size=5,
        events_from=date(2026, 1, 1),
        events_until=date(2026, 12, 31),
    )
    with CaptureQueriesContext(connection) as four:
        page = client_a.get(reverse("outreach:samples")).content.decode()
    assert len(four) == len(three)
    assert "Plan 4" in page
