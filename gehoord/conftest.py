"""Shared fixtures: two organisations and a member of each role, for any test."""

import pytest
from django.contrib.auth import get_user_model

from gehoord.tenancy import service as tenancy_service
from gehoord.tenancy.models import Organisation, OrganisationKind
from gehoord.tenancy.roles import Role

PASSWORD = "test-wachtwoord-123"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Real hashing costs ~0.3 s per account; tests create hundreds of accounts."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_organisation(db):
    def make(slug: str, inhabitants: int = 50_000, **fields) -> Organisation:
        return Organisation.objects.create(
            slug=slug, name=fields.pop("name", f"Gemeente {slug.title()}"),
            kind=OrganisationKind.MUNICIPALITY, inhabitants=inhabitants, **fields,
        )

    return make


@pytest.fixture
def org_a(make_organisation) -> Organisation:
    return make_organisation("alfa", 120_000)


@pytest.fixture
def org_b(make_organisation) -> Organisation:
    return make_organisation("bravo", 30_000)


@pytest.fixture
def make_member(db):
    """A user with `role` in each of `organisations` (the first is active at log-in)."""

    def make(role: Role, *organisations: Organisation, username: str | None = None):
        username = username or f"{role}-{'-'.join(o.slug for o in organisations)}@example.org"
        user = get_user_model().objects.create_user(
            username=username, email=username, password=PASSWORD
        )
        for organisation in organisations:
            tenancy_service.add_member(user, organisation, role)
        return user

    return make


@pytest.fixture
def admin_a(make_member, org_a):
    return make_member(Role.ADMINISTRATOR, org_a)


@pytest.fixture
def client_a(client, admin_a):
    """A test client logged in as the administrator of organisation A."""
    client.force_login(admin_a)
    return client
