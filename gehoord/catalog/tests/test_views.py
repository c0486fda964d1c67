import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from gehoord.catalog.models import Journey, Provider, Service, Stage, Team
from gehoord.catalog.tests.factories import make_provider, make_service, make_stage, make_team
from gehoord.tenancy.roles import Role
from gehoord.tenancy.tests.factories import make_user


def test_create_service(client_a, org_a):
    response = client_a.post(
        reverse("catalog:service_create"),
        {"name": "Paspoort", "code": "paspoort", "description": "Aanvragen en ophalen"},
    )
    assert response.status_code == 302
    service = Service.objects.get()
    assert service.organisation == org_a and service.code == "paspoort"


def test_invalid_form_shows_message_and_stores_nothing(client_a):
    response = client_a.post(reverse("catalog:service_create"), {"name": "", "code": "met spatie"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert "Dit veld is verplicht." in page
    assert Service.objects.count() == 0


def test_duplicate_name_is_a_validation_message_not_a_crash(client_a, org_a, org_b):
    make_service(org_a, "Paspoort")
    response = client_a.post(reverse("catalog:service_create"), {"name": "Paspoort"})
    assert response.status_code == 200
    assert "Er is al een met deze naam." in response.content.decode()
    assert Service.objects.filter(organisation=org_a).count() == 1
    # The same name in another organisation is no conflict.
    make_service(org_b, "Paspoort")


def test_english_messages_when_language_is_english(client_a):
    client_a.post(reverse("set_language"), {"language": "en"})
    response = client_a.post(reverse("catalog:service_create"), {"name": ""})
    assert "This field is required." in response.content.decode()


def test_edit_and_archive_and_restore(client_a, org_a):
    service = make_service(org_a, "Paspoort")
    client_a.post(
        reverse("catalog:service_update", args=[service.pk]),
        {"name": "Paspoort en ID"},
        follow=True,
    )
    service.refresh_from_db()
    assert service.name == "Paspoort en ID"

    response = client_a.post(reverse("catalog:service_archive", args=[service.pk]), follow=True)
    assert "is gearchiveerd" in response.content.decode()
    service.refresh_from_db()
    assert service.is_archived
    assert "Paspoort en ID" not in client_a.get(reverse("catalog:service_list")).content.decode()
    archived = client_a.get(reverse("catalog:service_list") + "?archief=1").content.decode()
    assert "Paspoort en ID" in archived

    client_a.post(reverse("catalog:service_restore", args=[service.pk]))
    service.refresh_from_db()
    assert not service.is_archived


def test_archive_needs_post(client_a, org_a):
    service = make_service(org_a, "Paspoort")
    assert client_a.get(reverse("catalog:service_archive", args=[service.pk])).status_code == 405


def test_unknown_id_gives_404(client_a):
    assert client_a.get(reverse("catalog:service_update", args=[999999])).status_code == 404
    assert client_a.post(reverse("catalog:team_archive", args=[999999])).status_code == 404


def test_provider_cannot_be_linked_to_foreign_service(client_a, org_a, org_b):
    foreign = make_service(org_b, "Wmo van Bravo")
    response = client_a.post(
        reverse("catalog:provider_create"), {"name": "Zorg Plus", "services": [foreign.pk]}
    )
    assert response.status_code == 200
    assert Provider.objects.count() == 0


def test_provider_contract_dates_are_checked(client_a, org_a):
    response = client_a.post(
        reverse("catalog:provider_create"),
        {"name": "Zorg Plus", "active_from": "2025-05-01", "active_until": "2025-01-01"},
    )
    assert response.status_code == 200
    assert "De einddatum van het contract" in response.content.decode()
    assert Provider.objects.count() == 0


def test_journey_with_stages_saved_together(client_a, org_a):
    data = {
        "name": "Aanvraag Wmo",
        "stages-TOTAL_FORMS": "3",
        "stages-INITIAL_FORMS": "0",
        "stages-MIN_NUM_FORMS": "0",
        "stages-MAX_NUM_FORMS": "30",
        "stages-0-name": "Gesprek",
        "stages-0-ORDER": "2",
        "stages-1-name": "Melding",
        "stages-1-ORDER": "1",
        "stages-2-name": "",
        "stages-2-ORDER": "",
    }
    response = client_a.post(reverse("catalog:journey_create"), data)
    assert response.status_code == 302
    journey = Journey.objects.get()
    stages = list(journey.stages.values_list("name", "position"))
    assert stages == [("Melding", 1), ("Gesprek", 2)]

    # Edit: delete one stage, add another; positions are renumbered.
    melding, gesprek = journey.stages.all()
    data.update(
        {
            "stages-INITIAL_FORMS": "2",
            "stages-0-id": melding.pk,
            "stages-0-name": "Melding",
            "stages-0-ORDER": "1",
            "stages-0-DELETE": "on",
            "stages-1-id": gesprek.pk,
            "stages-1-name": "Gesprek",
            "stages-1-ORDER": "1",
            "stages-2-name": "Besluit",
            "stages-2-ORDER": "2",
        }
    )
    response = client_a.post(reverse("catalog:journey_update", args=[journey.pk]), data)
    assert response.status_code == 302
    assert list(journey.stages.values_list("name", "position")) == [("Gesprek", 1), ("Besluit", 2)]


def test_journey_with_invalid_stage_stores_nothing(client_a, org_a):
    data = {
        "name": "Aanvraag Wmo",
        "stages-TOTAL_FORMS": "1",
        "stages-INITIAL_FORMS": "0",
        "stages-MIN_NUM_FORMS": "0",
        "stages-MAX_NUM_FORMS": "30",
        "stages-0-name": "x" * 200,
        "stages-0-ORDER": "1",
    }
    response = client_a.post(reverse("catalog:journey_create"), data)
    assert response.status_code == 200
    assert Journey.objects.count() == 0 and Stage.objects.count() == 0


def test_analyst_may_view_but_not_change(client, make_member, org_a):
    client.force_login(make_member(Role.ANALYST, org_a))
    assert client.get(reverse("catalog:team_list")).status_code == 200
    assert client.get(reverse("catalog:team_create")).status_code == 403
    assert client.post(reverse("catalog:team_create"), {"name": "X"}).status_code == 403
    assert Team.objects.count() == 0


def test_provider_user_has_no_catalogue(client, make_member, org_a):
    client.force_login(make_member(Role.PROVIDER_USER, org_a))
    assert client.get(reverse("catalog:service_list")).status_code == 403


def test_user_without_membership_is_refused(client, db):
    user = make_user("los")
    client.force_login(user)
    assert client.get(reverse("catalog:service_list")).status_code == 403
    assert "nog niet gekoppeld" in client.get(reverse("home")).content.decode()


def test_list_empty_state(client_a):
    page = client_a.get(reverse("catalog:journey_list")).content.decode()
    assert 'class="empty-state"' in page


def test_list_search_and_pagination(client_a, org_a):
    Team.objects.bulk_create(Team(organisation=org_a, name=f"Team {i:02}") for i in range(30))
    first = client_a.get(reverse("catalog:team_list")).content.decode()
    assert "Team 00" in first and "Team 29" not in first and "page=2" in first
    found = client_a.get(reverse("catalog:team_list") + "?q=Team+29").content.decode()
    assert "Team 29" in found and "Team 00" not in found


@pytest.mark.parametrize("kind", ["service", "provider", "team", "journey"])
def test_list_query_count_does_not_grow_with_rows(client_a, org_a, kind):
    def fill(start, count):
        for i in range(start, start + count):
            service = make_service(org_a, f"{kind} dienst {i}")
            make_provider(org_a, f"{kind} aanbieder {i}", services=[service])
            make_stage(org_a, "Stap", journey=f"reis {i}", service=service)
            make_team(org_a, f"team {i}")

    url = reverse(f"catalog:{kind}_list")
    fill(0, 2)
    with CaptureQueriesContext(connection) as few:
        assert client_a.get(url).status_code == 200
    fill(2, 10)
    with CaptureQueriesContext(connection) as many:
        assert client_a.get(url).status_code == 200
    assert len(many) == len(few)
