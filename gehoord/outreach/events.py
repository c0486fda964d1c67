"""Taking in one service event: store it (idempotent per sender id), register the contact,
and schedule the invitations the active rules ask for.

Every way in uses this: the API and the staff screens (through `service`), the CSV import
and the ZGW webhook.
"""

import hashlib
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction

from gehoord.contacts import service as contacts_service
from gehoord.tenancy.models import Organisation

from .models import EventKind, EventSource, Invitation, InvitationRule, ServiceEvent


def due_moment(occurred_on: date, rule: InvitationRule) -> datetime:
    """The rule's send hour, `delay_days` after the event, in the organisation's time zone."""
    day = occurred_on + timedelta(days=rule.delay_days)
    return datetime.combine(day, time(hour=rule.send_hour), tzinfo=ZoneInfo(settings.TIME_ZONE))


def is_sampled(event: ServiceEvent, rule: InvitationRule) -> bool:
    """Deterministic sampling: the same event and rule always give the same answer, so a
    re-run or a second worker never changes who is invited."""
    if rule.sampling_percentage >= 100:
        return True
    digest = hashlib.sha256(f"{rule.pk}:{event.pk}".encode()).digest()
    return int.from_bytes(digest[:8], "big") % 100 < rule.sampling_percentage


def schedule_invitations(event: ServiceEvent) -> list[Invitation]:
    """Create the invitations the active rules ask for (at most one per rule)."""
    rules = InvitationRule.objects.filter(
        organisation_id=event.organisation_id,
        service_id=event.service_id,
        event_kind=event.kind,
        active=True,
    )
    scheduled = []
    for rule in rules:
        if not is_sampled(event, rule):
            continue
        invitation, _ = Invitation.objects.get_or_create(
            event=event,
            rule=rule,
            defaults={
                "organisation_id": event.organisation_id,
                "contact_id": event.contact_id,
                "due_at": due_moment(event.occurred_on, rule),
            },
        )
        scheduled.append(invitation)
    return scheduled


def record_event(
    organisation: Organisation,
    *,
    contact: dict[str, Any],
    service,
    kind: EventKind,
    occurred_on: date,
    source: EventSource,
    provider=None,
    team=None,
    external_id: str = "",
) -> tuple[ServiceEvent, bool]:
    """Store one service event (idempotent per sender id) and schedule its invitations.

    Returns the event and whether it is new. Identity goes to the contact register only.
    """
    for related in (service, provider, team):
        if related is not None and related.organisation_id != organisation.pk:
            raise ValueError("related record of another organisation")
    if external_id:
        existing = ServiceEvent.objects.filter(
            organisation=organisation, source=source, external_id=external_id
        ).first()
        if existing:
            return existing, False
    try:
        with transaction.atomic():
            person = contacts_service.register_contact(organisation, **contact)
            event = ServiceEvent.objects.create(
                organisation=organisation,
                contact=person,
                service=service,
                kind=kind,
                occurred_on=occurred_on,
                provider=provider,
                team=team,
                source=source,
                external_id=external_id,
            )
            schedule_invitations(event)
    except IntegrityError:
        # The same event arrived twice at the same moment; the other request stored it.
        existing = ServiceEvent.objects.filter(
            organisation=organisation, source=source, external_id=external_id
        ).first()
        if existing is None:
            raise
        return existing, False
    return event, True
