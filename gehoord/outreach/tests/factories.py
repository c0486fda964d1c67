"""Test factories of outreach: invitation rules and the ZGW connection."""

from collections.abc import Iterable

from gehoord.catalog.models import Service
from gehoord.framework.models import Questionnaire
from gehoord.outreach.models import EventKind, InvitationRule, ZaaktypeMapping, ZgwConnection
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
        organisation=organisation, webhook_token=webhook_token, **fields
    )


def map_zaaktype(service: Service, zaaktype_url: str) -> ZaaktypeMapping:
    """Cases of `zaaktype_url` stand for `service`."""
    return ZaaktypeMapping.objects.create(
        organisation_id=service.organisation_id, zaaktype_url=zaaktype_url, service=service
    )
