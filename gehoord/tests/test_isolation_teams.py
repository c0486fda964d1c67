"""The third dimension of isolation: a member limited to team A reaches nothing of team B.

Beside organisation (test_isolation.py) and role, a membership may be limited to teams
(`catalog.TeamAccess`). Every route with an object id whose model has a team
(`team_path`) is tried on a record of team B, in the member's own organisation, by each
role that can be limited; every page without an id is searched for team B's name.
"""

import pytest
from model_bakery import baker

from gehoord.catalog import service as catalog_service
from gehoord.catalog.limits import UNLIMITED_ROLES
from gehoord.catalog.tests.factories import make_service, make_team
from gehoord.feedback.models import FollowUp, Signal
from gehoord.improvement.models import Action
from gehoord.surveys.models import Response
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
