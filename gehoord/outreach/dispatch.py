"""Sending due invitations, once each, even with several workers.

Each invitation is claimed with a row lock that other workers skip
(`select_for_update(skip_locked=True)` on PostgreSQL; on SQLite, write transactions are
serialised by the database itself, see settings `transaction_mode`). The claim, the decision
and the status change happen in one transaction; the e-mail is handed to the mail server
inside it, so an invitation marked "sent" was sent. The one remaining window — the mail
server accepted the message but the commit failed — means a message may be sent again
after a crash, never that one is lost.
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gehoord.contacts import service as contacts_service
from gehoord.contacts.models import age_band_for
from gehoord.surveys import service as survey_service
from gehoord.surveys.models import TokenStatus

from .channels import ChannelUnavailable, TemporaryFailure, send_invitation
from .models import Channel, Invitation, InvitationStatus

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5


def _claim_next(now: datetime) -> Invitation | None:
    return (
        Invitation.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("contact", "rule", "event", "organisation", "rule__questionnaire")
        .filter(status=InvitationStatus.SCHEDULED, due_at__lte=now)
        .order_by("due_at", "pk")
        .first()
    )


def _recently_invited(invitation: Invitation, now: datetime) -> bool:
    days = invitation.organisation.quarantine_days
    if not days:
        return False
    return (
        Invitation.objects.filter(
            contact_id=invitation.contact_id, sent_at__gte=now - timedelta(days=days)
        )
        .exclude(pk=invitation.pk)
        .exists()
    )


def _day_limit_reached(invitation: Invitation, now: datetime) -> bool:
    limit = invitation.rule.max_per_day
    if not limit:
        return False
    day_start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return (
        Invitation.objects.filter(rule_id=invitation.rule_id, sent_at__gte=day_start).count()
        >= limit
    )


def _channels_for(invitation: Invitation) -> list[str]:
    contact = invitation.contact
    reachable = {
        Channel.EMAIL: bool(contact.email),
        Channel.SMS: bool(contact.mobile),
        Channel.LETTER: bool(contact.street and contact.postal_code),
    }
    return [c for c in (invitation.rule.channels or [Channel.EMAIL]) if reachable.get(c)]


def _issue_token(invitation: Invitation, channel: str, now: datetime):
    event, contact = invitation.event, invitation.contact
    segment = {
        "service_id": invitation.service.pk,
        "provider_id": event.provider_id if event else None,
        "team_id": event.team_id if event else None,
        "district": contact.district,
        "age_band": age_band_for(contact.birth_year, timezone.localdate(now).year),
        "invitation_channel": channel,
    }
    return survey_service.issue_token(
        invitation.rule.questionnaire,
        segment=segment,
        language=contact.preferred_language,
        expires_at=now + timedelta(days=invitation.rule.expires_after_days),
    )


def _finish(invitation: Invitation, status: str, reason: str = "") -> None:
    invitation.status = status
    invitation.reason = reason[:200]
    invitation.save(
        update_fields=["status", "reason", "channel", "token", "sent_at", "attempts", "due_at"]
    )


def process_one(now: datetime) -> bool:
    """Claim and handle one due invitation; False when nothing is due."""
    with transaction.atomic():
        invitation = _claim_next(now)
        if invitation is None:
            return False
        if not contacts_service.may_invite(invitation.contact):
            _finish(invitation, InvitationStatus.OPTED_OUT)
        elif _recently_invited(invitation, now):
            _finish(invitation, InvitationStatus.SKIPPED, "quarantine")
        elif _day_limit_reached(invitation, now):
            invitation.due_at = invitation.due_at + timedelta(days=1)
            _finish(invitation, InvitationStatus.SCHEDULED, "daily maximum reached")
        else:
            _send(invitation, now)
    return True


def _send(invitation: Invitation, now: datetime) -> None:
    channels = _channels_for(invitation)
    if not channels:
        _finish(invitation, InvitationStatus.FAILED, "no address for any of the rule's channels")
        return
    invitation.attempts += 1
    for channel in channels:
        invitation.channel = channel
        if invitation.token is None:
            invitation.token = _issue_token(invitation, channel, now)
        try:
            send_invitation(invitation, channel)
        except ChannelUnavailable as error:
            log.info("invitation %s: %s, trying the next channel", invitation.pk, error)
            continue
        except TemporaryFailure as error:
            if invitation.attempts >= MAX_ATTEMPTS:
                _finish(invitation, InvitationStatus.FAILED, f"gave up: {error}")
            else:  # back off: 5, 10, 20, 40 minutes
                invitation.due_at = now + timedelta(minutes=5 * 2 ** (invitation.attempts - 1))
                _finish(invitation, InvitationStatus.SCHEDULED, f"retry: {error}")
            return
        invitation.sent_at = now
        _finish(invitation, InvitationStatus.SENT)
        return
    _finish(invitation, InvitationStatus.FAILED, "no channel could send")


def send_due_invitations(now: datetime | None = None, limit: int = 10_000) -> int:
    """Send what is due, then reminders; returns how many invitations were handled."""
    now = now or timezone.now()
    mark_responded()  # first, so nobody who already answered gets a reminder
    expire(now)
    handled = 0
    while handled < limit and process_one(now):
        handled += 1
    while handled < limit and remind_one(now):
        handled += 1
    return handled


def expire(now: datetime) -> int:
    """Invitations whose link ran out without an answer."""
    return (
        Invitation.objects.filter(
            status__in=(InvitationStatus.SENT, InvitationStatus.REMINDED),
            token__expires_at__lte=now,
        )
        .exclude(token__status=TokenStatus.COMPLETED)
        .update(status=InvitationStatus.EXPIRED)
    )


def remind_one(now: datetime) -> bool:
    """At most one reminder per invitation, N days after sending, if not yet answered."""
    with transaction.atomic():
        candidates = (
            Invitation.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("contact", "rule", "event", "organisation", "token")
            .filter(
                status=InvitationStatus.SENT,
                reminded_at__isnull=True,
                rule__reminder_after_days__isnull=False,
            )
            .exclude(token__status=TokenStatus.COMPLETED)
            .order_by("sent_at", "pk")
        )
        for invitation in candidates[:50]:
            if invitation.sent_at + timedelta(days=invitation.rule.reminder_after_days) > now:
                continue
            if not contacts_service.may_invite(invitation.contact):
                invitation.status = InvitationStatus.OPTED_OUT
                invitation.save(update_fields=["status"])
                return True
            if invitation.token is None:  # e.g. imported history: nothing to remind about
                invitation.reminded_at = now
                invitation.reason = "no survey link to remind about"
                invitation.save(update_fields=["reminded_at", "reason"])
                return True
            try:
                send_invitation(invitation, invitation.channel, reminder=True)
            except (ChannelUnavailable, TemporaryFailure) as error:
                # A reminder is a courtesy: one failed attempt is noted, not retried.
                invitation.reason = f"reminder not sent: {error}"[:200]
            invitation.reminded_at = now
            invitation.status = InvitationStatus.REMINDED
            invitation.save(update_fields=["status", "reminded_at", "reason"])
            return True
    return False


def mark_responded() -> int:
    """Invitations whose survey was completed become "responded" (and get no reminder)."""
    return Invitation.objects.filter(
        Q(status=InvitationStatus.SENT) | Q(status=InvitationStatus.REMINDED),
        token__status=TokenStatus.COMPLETED,
    ).update(status=InvitationStatus.RESPONDED)
