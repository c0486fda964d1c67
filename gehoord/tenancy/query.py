"""Reads of organisations and memberships for other apps."""

from django.contrib.auth.models import User
from django.db.models import QuerySet

from .models import Membership, Organisation


def memberships_of(user: User) -> list[Membership]:
    """All memberships of `user`, with their organisation loaded (one query)."""
    return list(
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def organisations() -> QuerySet[Organisation]:
    return Organisation.objects.all()


def organisation_by_slug(slug: str) -> Organisation | None:
    return Organisation.objects.filter(slug=slug).first()
