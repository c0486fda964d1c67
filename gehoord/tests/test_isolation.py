"""Every route is closed to anonymous visitors and to other organisations.

Routes are enumerated from the URL resolver, so a new route is covered the moment it
is added. A route with an object id must name its model (`view_class.model` or
`as_view(model=…)`), so the test can create such an object in organisation B and check
that a user of A can neither read nor change it.
"""

import re
from dataclasses import dataclass

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from model_bakery import baker

from gehoord.catalog.tests.factories import make_provider, make_service, make_stage, make_team
from gehoord.framework.tests.factories import published_questionnaire
from gehoord.improvement.tests.factories import make_action
from gehoord.tenancy import service as tenancy_service
from gehoord.tenancy.roles import Role
from gehoord.urls import PUBLIC_ROUTE_NAMES

# The Django admin is for the platform operator (superusers) across organisations; it has
# its own log-in, so it is checked separately below. The API authenticates with an
# organisation's key instead of a session; it is checked separately too.
ADMIN_NAMESPACE = "admin"
API_NAMESPACE = "api"


@dataclass
class Route:
    name: str
    route: str
    pattern: URLPattern

    @property
    def kwargs(self) -> list[str]:
        return re.findall(r"<(?:\w+:)?(\w+)>", self.route)

    @property
    def model(self):
        callback = self.pattern.callback
        initkwargs = getattr(callback, "view_initkwargs", {})
        return initkwargs.get("model") or getattr(
            getattr(callback, "view_class", None), "model", None
        )

    def dummy_kwargs(self) -> dict[str, str]:
        """A value of the right shape for each URL argument, so the route resolves."""
        converters = dict(
            (name, conv) for conv, name in re.findall(r"<(?:(\w+):)?(\w+)>", self.route)
        )
        return {
            name: "00000000-0000-4000-8000-000000000001" if conv == "uuid" else "1"
            for name, conv in converters.items()
        }

    def url(self, **values) -> str:
        def fill(match):
            return str(values[match.group(1)])

        return "/" + re.sub(r"<(?:\w+:)?(\w+)>", fill, self.route)


def all_routes(patterns=None, prefix="", namespace="") -> list[Route]:
    routes = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            routes += all_routes(entry.url_patterns, prefix + str(entry.pattern), ns)
        else:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            routes.append(Route(name=name, route=prefix + str(entry.pattern), pattern=entry))
    return routes


ROUTES = [r for r in all_routes() if not r.name or not r.name.startswith(ADMIN_NAMESPACE + ":")]
API_ROUTES = [
    r
    for r in ROUTES
    if r.name and r.name.startswith(API_NAMESPACE + ":") and r.name not in PUBLIC_ROUTE_NAMES
]
PRIVATE = [r for r in ROUTES if r.name not in PUBLIC_ROUTE_NAMES and r not in API_ROUTES]
WITH_OBJECT = [r for r in PRIVATE if r.kwargs]


def test_every_route_is_named():
    assert all(r.name for r in ROUTES), [r.route for r in ROUTES if not r.name]


def test_public_routes_exist():
    names = {r.name for r in ROUTES}
    assert names >= PUBLIC_ROUTE_NAMES


@pytest.mark.parametrize("route", PRIVATE, ids=lambda r: r.name)
@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, route):
    url = route.url(**route.dummy_kwargs())
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, (route.name, method.__name__)
        assert response["Location"].startswith(reverse("login")), route.name


def make_foreign_object(model, organisation):
    path = model.organisation_path
    if path == "organisation":
        return baker.make(model, organisation=organisation)
    return baker.make(model, **{path: organisation})


def snapshot(obj):
    obj.refresh_from_db()
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


@pytest.mark.parametrize("route", WITH_OBJECT, ids=lambda r: r.name)
@pytest.mark.parametrize("role", list(Role))
@pytest.mark.django_db
def test_other_organisations_objects_are_out_of_reach(
    client, make_member, org_a, org_b, route, role
):
    assert route.model is not None, f"{route.name}: set view_class.model so isolation is tested"
    assert route.kwargs == ["pk"], f"{route.name}: teach this test about {route.kwargs}"
    foreign = make_foreign_object(route.model, org_b)
    before = snapshot(foreign)
    client.force_login(make_member(role, org_a))
    url = route.url(pk=foreign.pk)
    for method in (client.get, client.post):
        response = method(url, {"name": "overgenomen"}) if method == client.post else method(url)
        # 405: the route does not take this method at all, so nothing is shown or changed.
        assert response.status_code in (403, 404, 405), (
            route.name,
            method.__name__,
            response.status_code,
        )
    assert snapshot(foreign) == before


LIST_ROUTES = [r for r in PRIVATE if not r.kwargs]


@pytest.mark.parametrize("route", LIST_ROUTES, ids=lambda r: r.name)
@pytest.mark.django_db
def test_pages_without_id_show_nothing_of_other_organisations(
    client, make_member, org_a, org_b, route
):
    """Pages that list or search never include B's records for a member of A."""
    marker = "ZichtbaarAlleenVoorBravo"
    service = make_service(org_b, f"{marker} dienst")
    make_provider(org_b, f"{marker} aanbieder", services=[service])
    make_team(org_b, f"{marker} team")
    make_stage(org_b, f"{marker} fase", journey=f"{marker} reis", service=service)
    client.force_login(make_member(Role.ADMINISTRATOR, org_a))
    for query in ("", "?q=dienst", "?q=team", "?archief=1"):
        response = client.get(route.url() + query)
        assert response.status_code in (200, 302, 405), route.name
        assert marker not in response.content.decode(), route.name
        assert org_b.name not in response.content.decode(), route.name


@pytest.mark.django_db
def test_admin_is_closed_to_organisation_members(client, make_member, org_a):
    client.force_login(make_member(Role.ADMINISTRATOR, org_a))
    for url in ("/admin/", "/admin/catalog/service/", "/admin/tenancy/organisation/"):
        response = client.get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], url


@pytest.mark.parametrize("route", API_ROUTES, ids=lambda r: r.name)
@pytest.mark.django_db
def test_api_needs_a_key_and_a_session_is_not_enough(client, make_member, org_a, route):
    url = route.url(**route.dummy_kwargs())
    for method in (client.get, client.post):
        assert method(url).status_code in (401, 404, 405), (route.name, method.__name__)
    client.force_login(make_member(Role.ADMINISTRATOR, org_a))
    for method in (client.get, client.post):
        assert method(url).status_code in (401, 404, 405), (route.name, method.__name__)
    response = client.get(url, headers={"X-API-Key": "0000abcd.wrong"})
    assert response.status_code in (401, 404, 405)


# API routes that read one object: the scope they ask and how to make such an object. A
# new API route with an id in its address fails the test below until it is listed here.
API_OBJECTS = {
    "api:get_questionnaire": (
        "questionnaires",
        lambda organisation: published_questionnaire(organisation, codes=("core_grade",)),
    ),
    "api:get_action": ("actions", make_action),
}
API_WITH_OBJECT = [r for r in API_ROUTES if r.kwargs]


def test_every_api_route_with_an_object_is_checked():
    assert {r.name for r in API_WITH_OBJECT} == set(API_OBJECTS)


@pytest.mark.parametrize("route", API_WITH_OBJECT, ids=lambda r: r.name)
@pytest.mark.django_db
def test_an_api_key_of_another_organisation_cannot_read_the_object(client, org_a, org_b, route):
    scope, make = API_OBJECTS[route.name]
    url = route.url(**{route.kwargs[0]: make(org_b).pk})
    own = tenancy_service.create_api_key(org_b, "b", [scope])[1]
    other = tenancy_service.create_api_key(org_a, "a")[1]  # every scope
    assert client.get(url, headers={"X-API-Key": own}).status_code == 200
    response = client.get(url, headers={"X-API-Key": other})
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
