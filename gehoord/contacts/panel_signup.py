"""Joining the panel on the organisation's public page, with double opt-in by e-mail.

Signing up stores a pending `PanelSignup` and sends a confirmation link; only opening
that link (and pressing the button: mail scanners follow links) makes the resident a
contact with panel consent. The link works for CONFIRM_WITHIN, once. The page says the
same whatever the address, and every sign-up gets its own e-mail, so the page never tells
whether an address is already in the register (no account enumeration).
"""

import hashlib
import secrets
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from gehoord.tenancy.models import Organisation

from .models import PanelSignup

CONFIRM_WITHIN = timedelta(hours=48)


class LinkExpired(Exception):
    """The confirmation link is older than CONFIRM_WITHIN (or was used already)."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def purge_expired() -> int:
    return PanelSignup.objects.filter(created_at__lt=timezone.now() - CONFIRM_WITHIN).delete()[0]


@transaction.atomic
def sign_up(organisation: Organisation, email: str, name: str = "", language: str = "nl"):
    """A pending sign-up; returns it and the raw token for the confirmation link."""
    purge_expired()
    token = secrets.token_urlsafe(32)
    signup = PanelSignup.objects.create(
        organisation=organisation,
        email=email.strip().lower(),
        name=name.strip(),
        language=language,
        token_hash=_hash(token),
    )
    return signup, token


def pending(token: str) -> PanelSignup | None:
    """The sign-up of a link that may still be confirmed; None when unknown;
    LinkExpired when it is too old."""
    signup = (
        PanelSignup.objects.select_related("organisation").filter(token_hash=_hash(token)).first()
    )
    if signup is None:
        return None
    if signup.created_at < timezone.now() - CONFIRM_WITHIN:
        raise LinkExpired
    return signup
