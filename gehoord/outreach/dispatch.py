"""Sending due invitations, once each, even with several workers, with no transaction
open while a message goes out.

Each invitation is claimed in a short transaction with a row lock that other workers skip
(`select_for_update(skip_locked=True)` on PostgreSQL; on SQLite, write transactions are
serialised by the database itself, see settings `transaction_mode`). The claim decides
(opted out, no consent, quarantine, daily maximum), issues the survey link and takes a lease: the
invitation's due moment moves LEASE ahead, so no worker claims it again while it is being
sent. It commits; then the message goes to the mail server or text-message gateway outside
any transaction (SQLite holds its write lock for the length of one, so log-ins would wait
for the network); then a second short transaction records the result, only if the lease is
still this worker's. The remaining window — the message was accepted but the worker died
before recording it — means a message may be sent again once the lease has run out, never
that one is lost.
"""

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from gehoord import metrics
from gehoord.contacts import service as contacts_service
from gehoord.contacts.models import Purpose, age_band_for
from gehoord.framework.models import LegalBasis
from gehoord.surveys import service as survey_service
from gehoord.surveys.models import TokenStatus

from .channels import ChannelUnavailable, TemporaryFailure, send_invitation
from .models import Channel, EventKind, Invitation, InvitationStatus, NotInvitedReason
from .panel_requests import record_panel_requests

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
# How long a claimed invitation is kept from other workers while it is sent: well beyond
# EMAIL_TIMEOUT and the gateway's timeout, for each of the channels tried.
LEASE = timedelta(minutes=15)


def _claim_next(now: datetime) -> Invitation | None:
    return (
        Invitation.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related(
            "contact", "rule", "event", "organisation", "rule__questionnaire", "sample_plan"
        )
        .filter(status=InvitationStatus.SCHEDULED, due_at__lte=now)
        .order_by("due_at", "pk")
        .first()
    )


def _lacks_consent(invitation: Invitation) -> bool:
    """A questionnaire on the basis of consent goes only to contacts who gave it for the
    purpose: a panel invitation needs panel consent, any other survey invitations consent.
    On the basis of public task nobody is asked beforehand (opt-out applies, as always)."""
    if invitation.rule.questionnaire.legal_basis != LegalBasis.CONSENT:
        return False
    purpose = (
        Purpose.PANEL
        if invitation.rule.event_kind == EventKind.PANEL
        else Purpose.SURVEY_INVITATIONS
    )
    return not contacts_service.has_consent(invitation.contact, purpose)


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


def not_invitable_because(invitation: Invitation, now: datetime) -> str | None:
    """Why the invitation's contact may not be invited now (opted out, no consent for a
    questionnaire on consent, quarantine), or None. Dispatch and the sample draw both ask
    this, so a sample never holds a contact that dispatch would refuse."""
    if not contacts_service.may_invite(invitation.contact):
        return NotInvitedReason.OPTED_OUT
    if _lacks_consent(invitation):
        return NotInvitedReason.NO_CONSENT
    if _recently_invited(invitation, now):
        return NotInvitedReason.QUARANTINE
    return None


def quota_reached(invitation: Invitation) -> bool:
    """Whether the sample stratum of a drawn invitation has its target of responses."""
    plan = invitation.sample_plan
    if plan is None or plan.response_target is None:
        return False
    return (
        Invitation.objects.filter(
            sample_plan_id=plan.pk, stratum=invitation.stratum, status=InvitationStatus.RESPONDED
        ).count()
        >= plan.response_target
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


def _finish(invitation: Invitation, status: str, reason: str = "", because: str = "") -> None:
    invitation.status = status
    invitation.reason = reason[:200]
    invitation.not_invited_because = because
    invitation.save(
        update_fields=[
            "status",
            "reason",
            "not_invited_because",
            "channel",
            "token",
            "sent_at",
            "attempts",
            "due_at",
        ]
    )


def process_one(now: datetime) -> bool:
    """Claim and handle one due invitation; False when nothing is due."""
    claim = _claim(now)
    if claim is None:
        return False
    if claim is not True:
        invitation, channels, due_at = claim
        lease_until = invitation.due_at
        _record(invitation, due_at, lease_until, *_deliver(invitation, channels, now))
    return True


@transaction.atomic
def _claim(now: datetime) -> tuple[Invitation, list[str], datetime] | bool | None:
    """None when nothing is due; True when the invitation was settled without sending;
    else the leased invitation, its channels and its original due moment."""
    invitation = _claim_next(now)
    if invitation is None:
        return None
    because = not_invitable_because(invitation, now)
    if because == NotInvitedReason.OPTED_OUT:
        _finish(invitation, InvitationStatus.OPTED_OUT, because=because)
    elif because == NotInvitedReason.NO_CONSENT:
        _finish(invitation, InvitationStatus.SKIPPED, "no consent", because)
    elif because == NotInvitedReason.QUARANTINE:
        _finish(invitation, InvitationStatus.SKIPPED, "quarantine", because)
    elif quota_reached(invitation):
        _finish(invitation, InvitationStatus.SKIPPED, "quota", NotInvitedReason.QUOTA_REACHED)
    elif _day_limit_reached(invitation, now):
        invitation.due_at = invitation.due_at + timedelta(days=1)
        _finish(
            invitation,
            InvitationStatus.SCHEDULED,
            "daily maximum reached",
            NotInvitedReason.DAILY_MAXIMUM,
        )
    elif not (channels := _channels_for(invitation)):
        _finish(
            invitation,
            InvitationStatus.FAILED,
            "no address for any of the rule's channels",
            NotInvitedReason.NO_ADDRESS,
        )
    else:
        due_at = invitation.due_at
        invitation.attempts += 1
        invitation.channel = channels[0]
        if invitation.token is None:
            invitation.token = _issue_token(invitation, channels[0], now)
        invitation.due_at = now + LEASE
        invitation.not_invited_because = ""  # e.g. held back a day by the daily maximum
        invitation.save(
            update_fields=["attempts", "channel", "token", "due_at", "not_invited_because"]
        )
        return invitation, channels, due_at
    return True


def _deliver(invitation: Invitation, channels: list[str], now: datetime) -> tuple[str, str]:
    """Send by the first channel that can; runs outside any transaction. Sets the
    invitation's channel, sent_at and due_at; returns its new status and the reason."""
    for channel in channels:
        invitation.channel = channel
        try:
            send_invitation(invitation, channel)
        except ChannelUnavailable as error:
            log.info("invitation %s: %s, trying the next channel", invitation.pk, error)
            continue
        except Exception as error:  # TemporaryFailure, or anything else: try again later
            if not isinstance(error, TemporaryFailure):
                log.exception("invitation %s: sending by %s failed", invitation.pk, channel)
            if invitation.attempts >= MAX_ATTEMPTS:
                return InvitationStatus.FAILED, f"gave up: {error}"
            # back off: 5, 10, 20, 40 minutes
            invitation.due_at = now + timedelta(minutes=5 * 2 ** (invitation.attempts - 1))
            return InvitationStatus.SCHEDULED, f"retry: {error}"
        invitation.sent_at = now
        return InvitationStatus.SENT, ""
    return InvitationStatus.FAILED, "no channel could send"


@transaction.atomic
def _record(
    invitation: Invitation, due_at: datetime, lease_until: datetime, status: str, reason: str
) -> None:
    """Store the result of a send, unless the lease ran out and another worker took over."""
    if status != InvitationStatus.SCHEDULED:
        invitation.due_at = due_at  # the lease is over: back to when it was due
    leased = Invitation.objects.filter(
        pk=invitation.pk,
        status=InvitationStatus.SCHEDULED,
        attempts=invitation.attempts,
        due_at=lease_until,
    )
    updated = leased.update(
        status=status,
        reason=reason[:200],
        channel=invitation.channel,
        sent_at=invitation.sent_at,
        due_at=invitation.due_at,
    )
    if not updated:
        log.warning("invitation %s: the lease ran out before the result was stored", invitation.pk)
        return
    metrics.count_invitation(invitation.channel, status)


def send_due_invitations(now: datetime | None = None, limit: int = 10_000) -> int:
    """Send what is due, then reminders; returns how many invitations were handled."""
    now = now or timezone.now()
    mark_responded()  # first, so nobody who already answered gets a reminder
    expire(now)
    record_panel_requests(now)
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
    """At most one reminder per invitation, N days after sending, if not yet answered.

    The reminder is marked in a short transaction before it is sent, outside any: a
    reminder is a courtesy, so a crash while sending loses it rather than sending two."""
    invitation = _claim_reminder(now)
    if invitation is None:
        return False
    if invitation.status != InvitationStatus.REMINDED:
        return True  # settled without sending
    try:
        send_invitation(invitation, invitation.channel, reminder=True)
    except (ChannelUnavailable, TemporaryFailure) as error:
        # One failed attempt is noted, not retried.
        Invitation.objects.filter(pk=invitation.pk).update(
            reason=f"reminder not sent: {error}"[:200]
        )
    return True


@transaction.atomic
def _claim_reminder(now: datetime) -> Invitation | None:
    candidates = (
        Invitation.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related(
            "contact", "rule__questionnaire", "event", "organisation", "token", "sample_plan"
        )
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
            invitation.not_invited_because = NotInvitedReason.OPTED_OUT
            invitation.save(update_fields=["status", "not_invited_because"])
        elif _lacks_consent(invitation):  # consent withdrawn since the invitation
            invitation.reminded_at = now
            invitation.reason = "no reminder: consent withdrawn"
            invitation.not_invited_because = NotInvitedReason.NO_CONSENT
            invitation.save(update_fields=["reminded_at", "reason", "not_invited_because"])
        elif quota_reached(invitation):  # the sample stratum has its responses
            invitation.reminded_at = now
            invitation.reason = "no reminder: quota reached"
            invitation.not_invited_because = NotInvitedReason.QUOTA_REACHED
            invitation.save(update_fields=["reminded_at", "reason", "not_invited_because"])
        elif invitation.token is None:  # e.g. imported history: nothing to remind about
            invitation.reminded_at = now
            invitation.reason = "no survey link to remind about"
            invitation.save(update_fields=["reminded_at", "reason"])
        else:
            invitation.reminded_at = now
            invitation.status = InvitationStatus.REMINDED
            invitation.save(update_fields=["status", "reminded_at"])
        return invitation
    return None


def mark_responded() -> int:
    """Invitations whose survey was completed become "responded" (and get no reminder)."""
    return Invitation.objects.filter(
        Q(status=InvitationStatus.SENT) | Q(status=InvitationStatus.REMINDED),
        token__status=TokenStatus.COMPLETED,
    ).update(status=InvitationStatus.RESPONDED)
