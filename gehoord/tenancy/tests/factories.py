"""Test factories of tenancy: organisations and users with sensible defaults."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from gehoord.tenancy import service
from gehoord.tenancy.models import Membership, Organisation, OrganisationKind
from gehoord.tenancy.roles import Role


def make_organisation(slug: str = "alfa", inhabitants: int = 50_000, **fields) -> Organisation:
    """A municipality called "Gemeente <Slug>" unless `name` is given."""
    fields.setdefault("name", f"Gemeente {slug.title()}")
    fields.setdefault("kind", OrganisationKind.MUNICIPALITY)
    return Organisation.objects.create(slug=slug, inhabitants=inhabitants, **fields)


def make_user(username: str = "medewerker@example.org", password: str = "x",
              **fields) -> AbstractBaseUser:
    """A user without any membership."""
    return get_user_model().objects.create_user(username=username, password=password, **fields)


def make_membership(user: AbstractBaseUser, organisation: Organisation,
                    role: Role = Role.ANALYST) -> Membership:
    """`user` gets `role` in `organisation`, the way the application grants it."""
    return service.add_member(user, organisation, role)
