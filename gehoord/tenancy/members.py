"""Members of an organisation: invite by e-mail, change a role, remove.

An invited person who has no password yet gets a one-time link (`invites.py`) on which they
choose one. Someone who already has an account (a member elsewhere) is added at once and
told by e-mail. An organisation always keeps at least one administrator, and nobody changes
or removes their own membership, so no one can lock the organisation out by accident.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .invites import MemberInvite, issue_invite
from .models import Membership, Organisation
from .roles import Role


def normalised_email(email: str) -> str:
    return email.strip().lower()


@transaction.atomic
def invite_member(
    organisation: Organisation, email: str, role: str, *, name: str = ""
) -> tuple[Membership, str | None]:
    """Add the person with `email` to `organisation` with `role`.

    Returns the membership and, for someone who still has to choose a password, the token
    of their one-time link (None when they can already log in). Send it with `send_invite`
    once the transaction is committed.
    """
    email = normalised_email(email)
    User = get_user_model()
    user = User.objects.filter(username__iexact=email).first()
    if user is None:
        first, _space, last = name.strip().partition(" ")
        user = User.objects.create_user(
            username=email, email=email, first_name=first[:150], last_name=last[:150]
        )  # no password given: an unusable one, until the link is used
    elif Membership.objects.filter(user=user, organisation=organisation).exists():
        raise ValidationError(
            {"email": _("%(email)s is already a member of this organisation.") % {"email": email}}
        )
    if not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
    membership = Membership.objects.create(user=user, organisation=organisation, role=role)
    token = None if user.has_usable_password() else issue_invite(membership)
    return membership, token


@transaction.atomic
def renew_invite(membership: Membership) -> str:
    """A new one-time link for a member who has not chosen a password yet."""
    if membership.user.has_usable_password():
        raise ValidationError(_("This member can already log in."))
    return issue_invite(membership)


def invite_link(token: str) -> str:
    return settings.GEHOORD_BASE_URL.rstrip("/") + reverse("tenancy:invite_accept", args=[token])


def send_invite(membership: Membership, token: str | None, language: str = "nl") -> None:
    """E-mail the invitation (with the one-time link when there is one)."""
    with translation.override(language):
        context = {
            "organisation": membership.organisation,
            "role": membership.get_role_display(),
            "link": invite_link(token) if token else "",
            "login_link": settings.GEHOORD_BASE_URL.rstrip("/") + reverse("login"),
            "username": membership.user.get_username(),
        }
        subject = _("You have been invited to gehoord for %(organisation)s") % {
            "organisation": membership.organisation.name
        }
        body = render_to_string("tenancy/email/invite.txt", context)
    send_mail(subject, body, None, [membership.user.email or membership.user.get_username()])


def _other_administrators(membership: Membership) -> bool:
    return (
        Membership.objects.filter(
            organisation_id=membership.organisation_id, role=Role.ADMINISTRATOR
        )
        .exclude(pk=membership.pk)
        .exists()
    )


def _check_may_change(membership: Membership, acting_user: AbstractBaseUser) -> None:
    if membership.user_id == acting_user.pk:
        raise ValidationError(_("You cannot change or remove your own membership."))


@transaction.atomic
def change_role(membership: Membership, role: str, acting_user: AbstractBaseUser) -> Membership:
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _check_may_change(membership, acting_user)
    demoted = membership.role == Role.ADMINISTRATOR and role != Role.ADMINISTRATOR
    if demoted and not _other_administrators(membership):
        raise ValidationError(_("The organisation needs at least one administrator."))
    membership.role = role
    membership.save(update_fields=["role"])  # save(): the audit log records the change
    return membership


@transaction.atomic
def remove_member(membership: Membership, acting_user: AbstractBaseUser) -> None:
    """End a membership. An account that never logged in and has no other membership is
    deleted; one that did stays (for the audit log) but can no longer log in."""
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    _check_may_change(membership, acting_user)
    if membership.role == Role.ADMINISTRATOR and not _other_administrators(membership):
        raise ValidationError(_("The organisation needs at least one administrator."))
    user = membership.user
    membership.delete()
    if user.memberships.exists() or user.is_staff or user.is_superuser:
        return
    if user.has_usable_password():
        user.is_active = False
        user.save(update_fields=["is_active"])
    else:
        user.delete()


@transaction.atomic
def accept_invite(invite: MemberInvite, password: str) -> AbstractBaseUser:
    """Set the invited member's password; the link is used up."""
    invite = (
        MemberInvite.objects.select_for_update()
        .select_related("membership__user")
        .get(pk=invite.pk)
    )
    if invite.used_at is not None or invite.expires_at <= timezone.now():
        raise ValidationError(_("This link has already been used or has expired."))
    user = invite.membership.user
    user.set_password(password)
    user.is_active = True
    user.save(update_fields=["password", "is_active"])
    invite.used_at = timezone.now()
    invite.save(update_fields=["used_at"])
    return user
