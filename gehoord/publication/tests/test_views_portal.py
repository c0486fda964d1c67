"""A provider user sees their own provider only, on every route."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape
from model_bakery import baker

from gehoord.tests.test_isolation import PRIVATE

STAFF_RESULTS = (
    "insights:overview",
    "insights:providers",
    "insights:drivers",
    "insights:benchmark",
    "publication:contract_report",
    "publication:settings",
)


def test_portal_shows_the_own_provider(
    client, provider_user, other_providers, django_assert_max_num_queries
):
    user, provider = provider_user
    client.force_login(user)
    with django_assert_max_num_queries(60):
        response = client.get(reverse("publication:portal"))
    assert response.status_code == 200
    html = response.content.decode()
    assert escape(provider.name) in html
    for other in other_providers:
        assert escape(other.name) not in html
    assert "<caption>" in html


def test_portal_ignores_a_provider_in_the_address(client, provider_user, other_providers):
    user, _provider = provider_user
    client.force_login(user)
    other = other_providers[0]
    html = client.get(
        reverse("publication:portal") + f"?aanbieder={other.pk}&provider={other.pk}"
    ).content.decode()
    assert escape(other.name) not in html


def test_provider_user_cannot_reach_staff_results(client, provider_user):
    user, _provider = provider_user
    client.force_login(user)
    for name in STAFF_RESULTS:
        assert client.get(reverse(name)).status_code == 403, name


def test_portal_masks_open_answers(client, demo_org, provider_user):
    from gehoord.surveys.models import Answer

    user, provider = provider_user
    answer = (
        Answer.objects.filter(response__provider=provider, item__type="open_text")
        .exclude(value_text="")
        .order_by("-response__submitted_at")
        .first()
    )
    answer.value_text = "Bel mij op 06-12345678 of mail piet@example.org"
    answer.save()
    client.force_login(user)
    # At the demo's small volume the provider has too few responses: no texts at all.
    html = client.get(reverse("publication:portal")).content.decode()
    assert "[telefoonnummer]" not in html and "06-12345678" not in html
    # The demo provider has only a few responses in the window: let every figure show.
    demo_org.minimum_n = 1
    demo_org.save()
    html = client.get(reverse("publication:portal")).content.decode()
    assert "06-12345678" not in html and "piet@example.org" not in html
    assert "[telefoonnummer]" in html and "[e-mail]" in html


def _fill(route, organisation, other):
    """The route's URL with an object of this organisation where it takes one."""
    if not route.kwargs:
        return route.url()
    model = route.model
    if model is None:
        return route.url(**route.dummy_kwargs())
    path = model.organisation_path
    fields = {path: organisation} if path != "organisation" else {"organisation": organisation}
    if any(f.name == "provider" for f in model._meta.get_fields()):
        fields["provider"] = other
    try:
        obj = baker.make(model, **fields)
    except Exception:  # a model baker cannot fill: the dummy id reaches nothing
        return route.url(**route.dummy_kwargs())
    return route.url(pk=obj.pk)


@pytest.mark.django_db(transaction=False)
def test_no_route_shows_another_provider(client, demo_org, provider_user, other_providers):
    """Every staff route, with the other provider named in the address, shows nothing of it:
    the provider user is refused (403/404) or sees only their own figures."""
    user, _provider = provider_user
    client.force_login(user)
    other = other_providers[0]
    marker = escape(other.name)
    for route in PRIVATE:
        if route.name in ("logout",):
            continue
        url = _fill(route, demo_org, other)
        for query in ("", f"?aanbieder={other.pk}&dienst={other.services.first().pk}"):
            response = client.get(url + query)
            assert response.status_code in (200, 302, 403, 404, 405), route.name
            if response.status_code == 200 and "html" in response.get("Content-Type", ""):
                assert marker not in response.content.decode(), route.name
            if response.status_code == 302:
                assert (
                    not re.search(r"aanbieder=\d", response["Location"])
                    or str(other.pk) not in response["Location"]
                ), route.name
