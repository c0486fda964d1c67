"""What outreach keeps about a contact, and how long: service events and invitations.

An event ("service S for contact C on date D") and the invitations it caused say who was a
client of which service when: personal data. They go with their contact on erasure (the
receiver below), and on their own once older than the retention period, unless an
invitation of theirs is still running (scheduled, sent or reminded): the survey link must
keep working until it expires.
"""

from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from gehoord.tenancy.models import Organisation

from .models import Invitation, InvitationStatus, ServiceEvent

RUNNING = (InvitationStatus.SCHEDULED, InvitationStatus.SENT, InvitationStatus.REMINDED)


def erase_outreach_records(sender: Any, *, contact_id: int, **_: Any) -> dict[str, int]:
    """Receiver of `contacts.service.contact_erased`: deletes the contact's invitations and
    service events (which the contact's deletion would cascade to) and counts them for the
    erasure's proof."""
    invitations, _by_model = Invitation.objects.filter(contact_id=contact_id).delete()
    events, _by_model = ServiceEvent.objects.filter(contact_id=contact_id).delete()
    counts = {"invitations": invitations, "service_events": events}
    return {key: count for key, count in counts.items() if count}


def expired_events(organisation: Organisation, before: datetime) -> QuerySet[ServiceEvent]:
    """Events that took place and reached us before `before`, none of whose invitations
    is running or was due, sent or reminded since. (So deleting them never makes a contact
    look inactive who was in touch since `before`: see `in_touch_since`.)"""
    recent = Invitation.objects.filter(event=OuterRef("pk")).filter(
        Q(status__in=RUNNING)
        | Q(due_at__gte=before)
        | Q(sent_at__gte=before)
        | Q(reminded_at__gte=before)
    )
    return (
        ServiceEvent.objects.for_organisation(organisation)
        .filter(occurred_on__lt=before.date(), received_at__lt=before)
        .exclude(Exists(recent))
    )


def purge_service_events(
    organisation: Organisation, before: datetime, *, dry_run: bool = False
) -> dict[str, int]:
    """Delete the expired events and the invitations they caused; how many of each. With
    `dry_run`, only count them (the same selection)."""
    events = expired_events(organisation, before)
    invitations = Invitation.objects.filter(event__in=events.values("pk"))
    counts = {"service_events": events.count(), "invitations": invitations.count()}
    if not dry_run:
        invitations.delete()
        ServiceEvent.objects.filter(pk__in=list(events.values_list("pk", flat=True))).delete()
    return counts


def in_touch_since(since: datetime) -> Q:
    """A filter on contacts: an event or invitation since `since`, or a running invitation.
    Such a contact is not inactive, whatever their own record says."""
    recent_events = ServiceEvent.objects.filter(contact=OuterRef("pk")).filter(
        Q(occurred_on__gte=since.date()) | Q(received_at__gte=since)
    )
    recent_invitations = Invitation.objects.filter(contact=OuterRef("pk")).filter(
        Q(status__in=RUNNING) | Q(due_at__gte=since) | Q(sent_at__gte=since)
    )
    return Q(Exists(recent_events)) | Q(Exists(recent_invitations))
