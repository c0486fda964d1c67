"""Population margins of a statutory year: typed in (with clear Dutch messages) or counted
from the contact register and the events of the year's invitation rules."""

from datetime import date

import pytest
from django.urls import reverse

from gehoord.catalog.tests.factories import make_service
from gehoord.contacts.tests.factories import make_contact
from gehoord.outreach.tests.factories import make_event, make_rule
from gehoord.statutory.figures import margins_of
from gehoord.statutory.models import PopulationMargin
from gehoord.tenancy.roles import Role

from .helpers import wmo_world

pytestmark = pytest.mark.django_db


def form_data(**change):
    data = {"age_band": "", "district": "", "service": "", "provider": ""}
    data.update(change)
    return data


def test_type_in_the_numbers(client_a, org_a):
    plan, _q = wmo_world(org_a)
    url = reverse("statutory:margins", args=[plan.pk])
    assert client_a.get(url).status_code == 200
    response = client_a.post(
        url, form_data(age_band="18-64: 600\n65-79: 300\n80+: 100", district="Noord: 1.000")
    )
    assert response.status_code == 302
    assert margins_of(plan) == {
        "age_band": {"18-64": 600, "65-79": 300, "80+": 100},
        "district": {"Noord": 1000},
    }
    page = client_a.get(url).content.decode()
    assert "65-79: 300" in page  # shown again to change


def test_bad_lines_and_unequal_totals_are_explained_without_saving(client_a, org_a):
    plan, _q = wmo_world(org_a)
    url = reverse("statutory:margins", args=[plan.pk])
    response = client_a.post(url, form_data(age_band="80+ honderd"))
    assert response.status_code == 200
    assert "Regel 1 is niet" in response.content.decode()
    response = client_a.post(url, form_data(age_band="80+: 100", district="Noord: 90"))
    assert response.status_code == 200
    assert "verschillende totalen" in response.content.decode()
    assert not PopulationMargin.objects.exists()


def test_count_from_the_register(client_a, org_a):
    plan, questionnaire = wmo_world(org_a)
    wmo = make_service(org_a, "Hulp bij het huishouden", code="hh")
    make_rule(wmo, questionnaire)
    people = [("Noord", 1940), ("Noord", 1990), ("Zuid", 1950), ("Zuid", None)]
    for i, (district, born) in enumerate(people):
        contact = make_contact(org_a, f"P{i}", district=district, birth_year=born)
        make_event(wmo, contact, date(2025, 5, 1))
        make_event(wmo, contact, date(2025, 6, 1))  # counted once
    outside = make_contact(org_a, "Later", district="Noord", birth_year=1980)
    make_event(wmo, outside, date(2026, 1, 5))  # not in the year
    client_a.post(reverse("statutory:margins_compute", args=[plan.pk]))
    assert margins_of(plan) == {
        "age_band": {"80+": 1, "35-49": 1, "65-79": 1},
        "district": {"Noord": 2, "Zuid": 2},
        "service": {"Hulp bij het huishouden": 4},
    }
    assert set(PopulationMargin.objects.values_list("source", flat=True)) == {"computed"}


def test_an_interviewer_neither_sees_nor_changes_the_numbers(client, org_a, make_member):
    plan, _q = wmo_world(org_a)
    client.force_login(make_member(Role.INTERVIEWER, org_a))
    url = reverse("statutory:margins", args=[plan.pk])
    assert client.get(url).status_code == 403
    assert client.post(reverse("statutory:margins_compute", args=[plan.pk])).status_code == 403
    assert client.post(url, form_data(age_band="80+: 1")).status_code == 403
    assert not PopulationMargin.objects.exists()
