"""The screen that ties a provider user to their provider (catalog/views_access.py)."""

import pytest
from django.urls import reverse

from gehoord.catalog import query
from gehoord.catalog.tests.factories import make_provider
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db


def test_administrator_ties_provider_user_to_provider(client_a, make_member, org_a):
    provider = make_provider(org_a, "Zorg Dichtbij")
    membership = make_member(Role.PROVIDER_USER, org_a).memberships.get()
    url = reverse("catalog:provider_access", args=[membership.pk])
    page = client_a.get(url).content.decode()
    assert "Er is nog geen aanbieder gekozen" in page
    response = client_a.post(url, {"provider": provider.pk})
    assert response.status_code == 302
    assert query.provider_of(membership) == provider
    log = client_a.get(reverse("tenancy:audit_log")).content.decode()
    assert "Zorg Dichtbij" in log and "toegang" in log.lower()


def test_provider_of_another_organisation_cannot_be_chosen(client_a, make_member, org_a, org_b):
    foreign = make_provider(org_b, "Elders Zorg")
    membership = make_member(Role.PROVIDER_USER, org_a).memberships.get()
    url = reverse("catalog:provider_access", args=[membership.pk])
    page = client_a.post(url, {"provider": foreign.pk}).content.decode()
    assert "Selecteer een geldige keuze" in page
    assert query.provider_of(membership) is None


def test_only_provider_users_and_only_of_the_own_organisation(client_a, make_member, org_a, org_b):
    analyst = make_member(Role.ANALYST, org_a, username="a@example.org")
    foreign = make_member(Role.PROVIDER_USER, org_b, username="p@example.org")
    for membership in (analyst.memberships.get(), foreign.memberships.get()):
        url = reverse("catalog:provider_access", args=[membership.pk])
        assert client_a.get(url).status_code == 404


@pytest.mark.parametrize("role", [r for r in Role if r != Role.ADMINISTRATOR])
def test_for_administrators_only(client, make_member, org_a, role):
    membership = make_member(Role.PROVIDER_USER, org_a, username="p@example.org").memberships.get()
    client.force_login(make_member(role, org_a))
    url = reverse("catalog:provider_access", args=[membership.pk])
    assert client.get(url).status_code == 403
