"""Test factories of tenancy: organisations and users with sensible defaults (members of
a role come from the `make_member` fixture in gehoord/conftest.py)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from gehoord.tenancy.models import Organisation, OrganisationKind


def make_organisation(slug: str = "alfa", inhabitants: int = 50_000, **fields) -> Organisation:
    """A municipality called "Gemeente <Slug>" unless `name` is given."""
    fields.setdefault("name", f"Gemeente {slug.title()}")
    fields.setdefault("kind", OrganisationKind.MUNICIPALITY)
    return Organisation.objects.create(slug=slug, inhabitants=inhabitants, **fields)


def make_user(
    username: str = "medewerker@example.org", password: str = "x", **fields
) -> AbstractBaseUser:
    """A user without any membership."""
    return get_user_model().objects.create_user(username=username, password=password, **fields)
