"""One-time links with which an invited member sets their own password.

The link holds a random token; only its hash is stored (as with API keys), it works once
and expires after `VALID_DAYS`. Asking for a new link makes the older ones useless.
"""

import hashlib
import secrets
from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .querysets import OrganisationScopedQuerySet

VALID_DAYS = 7


def _hash(token: str) -> str:
    # 32 random bytes: a fast hash is enough (nothing to guess, unlike a password).
    return hashlib.sha256(token.encode()).hexdigest()


class MemberInvite(models.Model):
    membership = models.ForeignKey(
        "tenancy.Membership", on_delete=models.CASCADE, related_name="invites"
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    organisation_path = "membership__organisation"
    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        app_label = "tenancy"
        ordering = ["-created_at"]
        verbose_name = _("invitation to join")
        verbose_name_plural = _("invitations to join")

    def __str__(self) -> str:
        return str(self.membership.user)

    def get_additional_data(self) -> dict:
        return {"organisation_id": self.membership.organisation_id}


def issue_invite(membership) -> str:
    """A fresh one-time token for `membership`; earlier unused links stop working."""
    MemberInvite.objects.filter(membership=membership, used_at__isnull=True).delete()
    token = secrets.token_urlsafe(32)
    MemberInvite.objects.create(
        membership=membership,
        token_hash=_hash(token),
        expires_at=timezone.now() + timedelta(days=VALID_DAYS),
    )
    return token


def valid_invite(token: str) -> MemberInvite | None:
    """The unused, unexpired invite `token` belongs to, or None."""
    return (
        MemberInvite.objects.select_related("membership__user", "membership__organisation")
        .filter(token_hash=_hash(token), used_at__isnull=True, expires_at__gt=timezone.now())
        .first()
    )


def pending_invites(memberships) -> dict[int, MemberInvite]:
    """The latest unused invite per membership id (one query)."""
    pending: dict[int, MemberInvite] = {}
    for invite in MemberInvite.objects.filter(
        membership__in=memberships, used_at__isnull=True
    ).order_by("created_at"):
        pending[invite.membership_id] = invite
    return pending
