"""Reads of organisations and memberships for other apps."""

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import Http404

from .mail_sender import Sender, sender_for
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


def organisation_by_slug_or_404(slug: str) -> Organisation:
    """The organisation of a public page's address; 404 for an unknown one."""
    organisation = organisation_by_slug(slug)
    if organisation is None:
        raise Http404
    return organisation


def resident_mail_sender(organisation: Organisation) -> Sender:
    """From and Reply-To for mail to residents of `organisation` (see mail_sender.py)."""
    return sender_for(organisation)
