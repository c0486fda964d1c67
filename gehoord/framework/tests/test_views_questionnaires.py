"""Staff screens of the framework: questionnaires, the builder, the preview and the bank."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gehoord.catalog.tests.factories import make_service, make_stage
from gehoord.framework import service
from gehoord.framework.models import (
    Questionnaire,
    VersionItem,
)
from gehoord.framework.tests.factories import published_questionnaire
from gehoord.tenancy.roles import Role

from .helpers import page_of

pytestmark = pytest.mark.django_db

# Questionnaire list and settings --------------------------------------------------------


def test_list_shows_services_and_status(analyst, org_a):
    live = published_questionnaire(org_a, "Balie", services=[make_service(org_a, "Paspoort")])
    service.start_new_draft(live)
    service.create_questionnaire(org_a, "Nieuw")
    page = page_of(analyst.get(reverse("framework:questionnaire_list")))
    assert "Paspoort" in page
    assert "gepubliceerd v1" in page and "concept v2" in page and "concept v1" in page
    assert 'aria-current="page"' in page


def test_list_empty_state_search_and_pagination(analyst, org_a):
    page = page_of(analyst.get(reverse("framework:questionnaire_list")))
    assert 'class="empty-state"' in page and "Er zijn nog geen vragenlijsten." in page
    for i in range(30):
        Questionnaire.objects.create(organisation=org_a, name=f"Lijst {i:02}")
    first = page_of(analyst.get(reverse("framework:questionnaire_list")))
    assert "Lijst 00" in first and "Lijst 29" not in first and "page=2" in first
    found = page_of(analyst.get(reverse("framework:questionnaire_list") + "?q=Lijst+29"))
    assert "Lijst 29" in found and "Lijst 00" not in found


def test_list_query_count_does_not_grow_with_rows(analyst, org_a):
    def fill(start, count):
        for i in range(start, start + count):
            published_questionnaire(
                org_a,
                f"Lijst {i}",
                services=[make_service(org_a, f"Dienst {i}")],
                stage=make_stage(org_a, "Aanvraag", journey=f"Reis {i}"),
            )

    url = reverse("framework:questionnaire_list")
    fill(0, 2)
    with CaptureQueriesContext(connection) as few:
        assert analyst.get(url).status_code == 200
    fill(2, 8)
    with CaptureQueriesContext(connection) as many:
        assert analyst.get(url).status_code == 200
    assert len(many) == len(few)


def test_create_questionnaire(analyst, org_a):
    paspoort = make_service(org_a, "Paspoort")
    stage = make_stage(org_a, "Afspraak maken", journey="Aanvraag paspoort")
    page = page_of(analyst.get(reverse("framework:questionnaire_create")))
    assert "Aanvraag paspoort – Afspraak maken" in page
    response = analyst.post(
        reverse("framework:questionnaire_create"),
        {
            "name": "Paspoort aanvragen",
            "services": [paspoort.pk],
            "stage": stage.pk,
            "open_link_enabled": "on",
        },
    )
    questionnaire = Questionnaire.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("framework:builder", args=[questionnaire.pk])
    assert questionnaire.organisation == org_a and questionnaire.open_link_enabled
    assert list(questionnaire.services.all()) == [paspoort] and questionnaire.stage == stage
    assert service.draft_of(questionnaire).number == 1


def test_create_refuses_foreign_service_and_stage(analyst, org_a, org_b):
    foreign_service = make_service(org_b, "Bijstand van Bravo")
    foreign_stage = make_stage(org_b, "Fase van Bravo", journey="Reis van Bravo")
    page = page_of(analyst.get(reverse("framework:questionnaire_create")))
    assert "Bravo" not in page
    response = analyst.post(
        reverse("framework:questionnaire_create"),
        {"name": "Overname", "services": [foreign_service.pk], "stage": foreign_stage.pk},
    )
    assert response.status_code == 200
    page = page_of(response)
    assert 'class="error-summary"' in page and "Diensten:" in page
    assert Questionnaire.objects.count() == 0


def test_duplicate_name_is_a_message(analyst, questionnaire):
    response = analyst.post(reverse("framework:questionnaire_create"), {"name": "Wmo-onderzoek"})
    assert response.status_code == 200
    assert "Er is al een vragenlijst met deze naam." in page_of(response)
    assert Questionnaire.objects.count() == 1


def test_edit_questionnaire(analyst, questionnaire):
    url = reverse("framework:questionnaire_update", args=[questionnaire.pk])
    assert analyst.get(url).status_code == 200
    response = analyst.post(url, {"name": "Wmo 2026", "description": "Jaarlijks"})
    assert response.status_code == 302
    questionnaire.refresh_from_db()
    assert questionnaire.name == "Wmo 2026" and questionnaire.description == "Jaarlijks"


# Permissions ------------------------------------------------------------------------------


def test_team_lead_may_look_but_not_change(client, make_member, org_a, questionnaire, filled):
    client.force_login(make_member(Role.TEAM_LEAD, org_a))
    for url in (
        reverse("framework:questionnaire_list"),
        reverse("framework:question_list"),
        reverse("framework:builder", args=[questionnaire.pk]),
        reverse("framework:preview", args=[filled["grade"].version_id]),
    ):
        assert client.get(url).status_code == 200, url
    page = page_of(client.get(reverse("framework:builder", args=[questionnaire.pk])))
    assert "Publiceren</button>" not in page and "Omhoog" not in page
    for url in (
        reverse("framework:questionnaire_create"),
        reverse("framework:question_create"),
        reverse("framework:item_settings", args=[filled["grade"].pk]),
    ):
        assert client.get(url).status_code == 403, url
    assert (
        client.post(reverse("framework:item_remove", args=[filled["grade"].pk])).status_code == 403
    )
    assert VersionItem.objects.filter(pk=filled["grade"].pk).exists()


def test_provider_user_sees_nothing(client, make_member, org_a):
    client.force_login(make_member(Role.PROVIDER_USER, org_a))
    assert client.get(reverse("framework:questionnaire_list")).status_code == 403
    assert client.get(reverse("framework:question_list")).status_code == 403


# Legal basis and purpose (issue 14) -------------------------------------------------------


def test_legal_basis_and_purpose_are_shown_and_editable(analyst, questionnaire):
    assert questionnaire.legal_basis == "public_task"  # what every questionnaire had
    url = reverse("framework:questionnaire_update", args=[questionnaire.pk])
    form = page_of(analyst.get(url))
    assert "Grondslag" in form and "Publieke taak" in form and "Toestemming" in form
    assert "alleen inwoners die vooraf ja zeiden" in form  # the B1 help text
    analyst.post(
        url,
        {
            "name": questionnaire.name,
            "legal_basis": "consent",
            "purpose": "We willen de Wmo-ondersteuning verbeteren.",
        },
    )
    questionnaire.refresh_from_db()
    assert questionnaire.legal_basis == "consent"
    builder = page_of(analyst.get(reverse("framework:builder", args=[questionnaire.pk])))
    assert "Toestemming: alleen inwoners die ja zeiden" in builder
    assert "We willen de Wmo-ondersteuning verbeteren." in builder
    # Saved without the choice (an old form): the questionnaire keeps needing consent.
    analyst.post(url, {"name": questionnaire.name})
    questionnaire.refresh_from_db()
    assert questionnaire.legal_basis == "consent"
    refused = analyst.post(url, {"name": questionnaire.name, "legal_basis": "marketing"})
    assert refused.status_code == 200 and 'class="error-summary"' in page_of(refused)
