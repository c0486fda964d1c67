"""Test factories of outreach: invitation rules, events, invitations and the ZGW connection."""

from collections.abc import Iterable

from gehoord.catalog.models import Service
from gehoord.framework.models import Questionnaire
from gehoord.outreach.models import (
    EventKind,
    EventSource,
    Invitation,
    InvitationRule,
    ServiceEvent,
    ZaaktypeMapping,
    ZgwConnection,
    webhook_token_digest,
)
from gehoord.tenancy.models import Organisation


def make_rule(
    service: Service,
    questionnaire: Questionnaire,
    event_kind: str = EventKind.COMPLETED,
    channels: Iterable[str] = ("email",),
    **fields,
) -> InvitationRule:
    """An active rule: invite by `channels` to `questionnaire` after an event of `service`."""
    return InvitationRule.objects.create(
        organisation_id=service.organisation_id,
        service=service,
        event_kind=event_kind,
        questionnaire=questionnaire,
        channels=list(channels),
        **fields,
    )


def make_zgw_connection(
    organisation: Organisation, webhook_token: str = "abonnement-1", **fields
) -> ZgwConnection:
    """How `organisation`'s ZGW notifications reach gehoord (client "gehoord")."""
    fields.setdefault("client_id", "gehoord")
    fields.setdefault("secret", "s" * 32)
    return ZgwConnection.objects.create(
        organisation=organisation, webhook_token_hash=webhook_token_digest(webhook_token), **fields
    )


def map_zaaktype(service: Service, zaaktype_url: str) -> ZaaktypeMapping:
    """Cases of `zaaktype_url` stand for `service`."""
    return ZaaktypeMapping.objects.create(
        organisation_id=service.organisation_id, zaaktype_url=zaaktype_url, service=service
    )


def make_event(service: Service, contact, occurred_on, **fields) -> ServiceEvent:
    """A service event of `contact` (kind completed, entered by staff unless given)."""
    fields.setdefault("kind", EventKind.COMPLETED)
    fields.setdefault("source", EventSource.STAFF)
    return ServiceEvent.objects.create(
        organisation_id=service.organisation_id,
        service=service,
        contact=contact,
        occurred_on=occurred_on,
        **fields,
    )


def make_invitation(rule: InvitationRule, contact, event=None, **fields) -> Invitation:
    """An invitation of `contact` by `rule`, for `event` (None: a panel invitation), due at
    its `sent_at` unless given."""
    fields.setdefault("due_at", fields.get("sent_at"))
    return Invitation.objects.create(
        organisation_id=rule.organisation_id, rule=rule, contact=contact, event=event, **fields
    )
