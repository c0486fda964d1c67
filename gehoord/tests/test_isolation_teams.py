"""The third dimension of isolation: a member limited to team A reaches nothing of team B.

Beside organisation (test_isolation.py) and role, a membership may be limited to teams
(`catalog.TeamAccess`). Every route with an object id whose model has a team
(`team_path`) is tried on a record of team B, in the member's own organisation, by each
role that can be limited; every page without an id is searched for team B's name.
An API key limited to team A (`catalog.ApiKeyTeam`) reads and files nothing of team B.
"""

import json

import pytest
from django.urls import reverse
from model_bakery import baker

from gehoord.catalog import query as catalog_query
from gehoord.catalog import service as catalog_service
from gehoord.catalog.limits import UNLIMITED_ROLES
from gehoord.catalog.tests.factories import make_service, make_team
from gehoord.feedback.models import FollowUp, Signal
from gehoord.feedback.tests.factories import make_signal
from gehoord.improvement.models import Action
from gehoord.surveys.models import Response
from gehoord.tenancy import service as tenancy_service
from gehoord.tenancy.roles import Role

from .test_isolation import LIST_ROUTES, WITH_OBJECT, snapshot

LIMITED_ROLES = [role for role in Role if role not in UNLIMITED_ROLES]
TEAM_ROUTES = [r for r in WITH_OBJECT if getattr(r.model, "team_path", None) == "team"]
MARKER = "ZichtbaarAlleenVoorTeamBravo"


def test_team_routes_cover_signals_follow_ups_actions_and_responses():
    assert {r.model for r in TEAM_ROUTES} == {Signal, FollowUp, Action, Response}


@pytest.fixture
def teams(org_a):
    return make_team(org_a, "Team Alfa"), make_team(org_a, MARKER)


@pytest.fixture
def limited_member(make_member, org_a, teams):
    def make(role: Role):
        user = make_member(role, org_a)
        catalog_service.set_team_access(user.memberships.get(), [teams[0]])
        return user

    return make


def make_record(model, organisation, team):
    return baker.make(model, organisation=organisation, team=team)


@pytest.mark.parametrize("route", TEAM_ROUTES, ids=lambda r: r.name)
@pytest.mark.parametrize("role", LIMITED_ROLES)
@pytest.mark.django_db
def test_other_teams_objects_are_out_of_reach(client, limited_member, org_a, teams, route, role):
    foreign = make_record(route.model, org_a, teams[1])
    before = snapshot(foreign)
    client.force_login(limited_member(role))
    url = route.url(pk=foreign.pk)
    for method in (client.get, client.post):
        response = method(url, {"title": "overgenomen"}) if method == client.post else method(url)
        assert response.status_code in (403, 404, 405), (
            route.name,
            method.__name__,
            response.status_code,
        )
    assert snapshot(foreign) == before


@pytest.mark.parametrize(
    "route_name",
    ["feedback:signal_detail", "feedback:followup_detail", "improvement:action_detail"],
)
@pytest.mark.django_db
def test_own_teams_objects_stay_in_reach(client, limited_member, org_a, teams, route_name):
    """The control: the same routes open a record of the member's own team."""
    route = next(r for r in TEAM_ROUTES if r.name == route_name)
    own = make_record(route.model, org_a, teams[0])
    client.force_login(limited_member(Role.TEAM_LEAD))
    assert client.get(route.url(pk=own.pk)).status_code == 200


@pytest.mark.parametrize("route", LIST_ROUTES, ids=lambda r: r.name)
@pytest.mark.django_db
def test_pages_without_id_show_nothing_of_other_teams(client, limited_member, org_a, teams, route):
    """Team B's signals, follow-ups, actions and responses (and its name) appear nowhere."""
    service = make_service(org_a, "Paspoort")
    for model in (Signal, FollowUp, Response):
        baker.make(model, organisation=org_a, team=teams[1], service=service)
    baker.make(Action, organisation=org_a, team=teams[1], title=f"{MARKER} actie")
    for role in (Role.TEAM_LEAD, Role.ANALYST, Role.COMPLAINTS_OFFICER):
        client.force_login(limited_member(role))
        for query in ("", "?q=actie", f"?team={teams[1].pk}", "?filter=gesloten"):
            response = client.get(route.url() + query)
            assert response.status_code in (200, 302, 403, 405), (route.name, role)
            assert MARKER not in response.content.decode(), (route.name, role, query)
        client.logout()


# The same dimension for systems: an API key limited to team A (catalog.ApiKeyTeam).


@pytest.fixture
def team_key(org_a, teams):
    """A key for every part of the API, limited to team A."""
    key, secret = tenancy_service.create_api_key(org_a, "teamsysteem")
    catalog_service.set_api_key_teams(key, [teams[0]])
    return secret


def api(client, secret, path, body=None):
    headers = {"X-API-Key": secret}
    if body is None:
        return client.get("/api/v1" + path, headers=headers)
    return client.post(
        "/api/v1" + path, json.dumps(body), content_type="application/json", headers=headers
    )


@pytest.mark.django_db
def test_an_api_key_limited_to_a_team_reads_only_its_signals(client, org_a, teams, team_key):
    make_signal(org_a, text="Van team Alfa", team=teams[0])
    make_signal(org_a, text=f"{MARKER} signaal", team=teams[1])
    make_signal(org_a, text="Zonder team")
    listed = api(client, team_key, "/signals")
    assert listed.status_code == 200
    assert [s["text"] for s in listed.json()] == ["Van team Alfa"]
    # The control: a key for the whole organisation sees all three.
    whole = tenancy_service.create_api_key(org_a, "hele organisatie")[1]
    assert len(api(client, whole, "/signals").json()) == 3


@pytest.mark.django_db
def test_an_api_key_limited_to_a_team_files_only_for_it(client, org_a, teams, team_key):
    body = {"kind": "complaint", "received_on": "2026-03-02", "text": "Lang gewacht"}
    assert api(client, team_key, "/signals", {**body, "team": MARKER}).status_code == 422
    assert api(client, team_key, "/signals", body).status_code == 422
    assert not Signal.objects.exists()
    filed = api(client, team_key, "/signals", {**body, "team": "Team Alfa"})
    assert filed.status_code == 201
    assert Signal.objects.get().team == teams[0]


@pytest.mark.django_db
def test_an_api_key_limited_to_a_team_reads_only_its_figures(client, org_a, teams, team_key):
    make_service(org_a, "Paspoort", code="paspoort")
    assert api(client, team_key, f"/figures?team={teams[1].pk}").status_code == 422
    assert api(client, team_key, f"/figures?team={teams[0].pk}").status_code == 200
    assert api(client, team_key, "/figures").status_code == 200  # its one team
    # The provider comparison covers the whole organisation.
    assert api(client, team_key, "/figures/providers?service=paspoort").status_code == 403


@pytest.mark.django_db
def test_an_administrator_limits_a_key_to_teams(client_a, org_a, org_b, teams):
    key, _secret = tenancy_service.create_api_key(org_a, "teamsysteem")
    url = reverse("catalog:api_key_teams", args=[key.pk])
    assert "Team Alfa" in client_a.get(url).content.decode()
    response = client_a.post(url, {"teams": [teams[0].pk]})
    assert response.status_code == 302
    assert list(catalog_query.teams_of_key(key)) == [teams[0]]
    listing = client_a.get(reverse("tenancy:api_keys")).content.decode()
    assert "Team Alfa" in listing
    # Another organisation's team cannot be chosen.
    foreign = make_team(org_b, "Team Bravo")
    refused = client_a.post(url, {"teams": [foreign.pk]})
    assert refused.status_code == 200
    assert list(catalog_query.teams_of_key(key)) == [teams[0]]
    client_a.post(url, {"teams": []})
    assert catalog_query.team_ids_of_key(key) is None


@pytest.mark.django_db
def test_an_api_key_limited_to_a_team_reads_only_its_actions_and_no_responses(
    client, org_a, teams, team_key
):
    own = baker.make(Action, organisation=org_a, team=teams[0], title="Actie van Alfa")
    other = baker.make(Action, organisation=org_a, team=teams[1], title=f"{MARKER} actie")
    listed = api(client, team_key, "/actions")
    assert listed.status_code == 200
    assert [row["id"] for row in listed.json()] == [own.pk]
    assert api(client, team_key, f"/actions/{other.pk}").status_code == 404
    assert api(client, team_key, f"/actions/{own.pk}").status_code == 200
    # Responses are the whole organisation's selection, as in the export: refused.
    assert api(client, team_key, "/responses?questionnaire=1").status_code == 403
