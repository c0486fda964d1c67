"""REST endpoint for service events (systems post an event when a service starts or ends)."""

import hmac
from datetime import date

from ninja import Field, Router, Schema
from ninja.errors import HttpError
from ninja.responses import Status
from ninja.security import APIKeyHeader
from pydantic import EmailStr

from gehoord.catalog import query as catalog_query
from gehoord.text import PlainText

from . import service
from .models import (
    EventKind,
    EventSource,
    OpenKlantConnection,
    ZgwConnection,
    webhook_token_digest,
)

router = Router(tags=["events"])


class ContactIn(Schema):
    name: PlainText = Field("", max_length=200)
    email: EmailStr | None = None
    mobile: PlainText = Field("", max_length=20, pattern=r"^\+?[0-9 ()-]*$")
    street: PlainText = Field("", max_length=200)
    postal_code: PlainText = Field("", max_length=10)
    city: PlainText = Field("", max_length=100)
    preferred_language: PlainText = Field("nl", pattern="^(nl|en)$")
    birth_year: int | None = Field(None, ge=1900, le=2100)
    district: PlainText = Field("", max_length=80)
    external_ref: PlainText = Field("", max_length=100)


class EventIn(Schema):
    service: PlainText = Field(..., description="service code, e.g. wmo-hh", max_length=50)
    kind: EventKind
    date: date
    contact: ContactIn
    provider: PlainText = Field("", description="provider name", max_length=150)
    team: PlainText = Field("", description="team name", max_length=150)
    external_id: PlainText = Field("", max_length=200, description="your id; a repeat is ignored")


class EventOut(Schema):
    id: int
    created: bool
    invitations: int


class ErrorOut(Schema):
    detail: str


@router.post("/events", response={201: EventOut, 200: EventOut, 422: ErrorOut})
def post_event(request, payload: EventIn):
    organisation = request.organisation
    service_obj = catalog_query.active_services(organisation).filter(code=payload.service).first()
    if service_obj is None:
        raise HttpError(422, f"unknown service code: {payload.service}")
    provider = team = None
    if payload.provider:
        providers = catalog_query.active_providers(organisation)
        provider = providers.filter(name=payload.provider).first()
        if provider is None:
            raise HttpError(422, f"unknown provider: {payload.provider}")
    if payload.team:
        team = catalog_query.active_teams(organisation).filter(name=payload.team).first()
        if team is None:
            raise HttpError(422, f"unknown team: {payload.team}")
    contact = payload.contact.dict()
    contact["email"] = contact["email"] or ""
    if not (contact["email"] or contact["mobile"] or contact["street"]):
        raise HttpError(422, "contact needs an e-mail address, a mobile number or an address")
    event, created = service.record_event(
        organisation,
        contact=contact,
        service=service_obj,
        kind=payload.kind,
        occurred_on=payload.date,
        source=EventSource.API,
        provider=provider,
        team=team,
        external_id=payload.external_id,
    )
    return Status(
        201 if created else 200,
        {"id": event.pk, "created": created, "invitations": event.invitations.count()},
    )


class ZgwWebhookAuth(APIKeyHeader):
    """The Notificaties API sends the token set in its abonnement: `Authorization: Token …`."""

    param_name = "Authorization"
    model: type[ZgwConnection] | type[OpenKlantConnection] = ZgwConnection

    def authenticate(self, request, key: str | None):
        token = (key or "").removeprefix("Token ").strip()
        if not token:
            return None
        digest = webhook_token_digest(token)
        connection = self.model.objects.filter(webhook_token_hash=digest).first()
        # The lookup found the digest already; compare once more in constant time.
        if connection is not None and not hmac.compare_digest(
            connection.webhook_token_hash, digest
        ):
            connection = None
        request.zgw_connection = connection
        return connection


class OpenKlantWebhookAuth(ZgwWebhookAuth):
    """The same, for the abonnement on kanaal "klantcontacten" (the Open Klant connection)."""

    model = OpenKlantConnection


class NotificationIn(Schema):
    kanaal: PlainText = Field(..., max_length=50)
    hoofdObject: PlainText = Field(..., max_length=500)  # noqa: N815 - the ZGW field name
    resource: PlainText = Field(..., max_length=50)
    resourceUrl: PlainText = Field(..., max_length=500)  # noqa: N815 - the ZGW field name
    actie: PlainText = Field(..., max_length=50)
    aanmaakdatum: PlainText = Field("", max_length=50)
    kenmerken: dict[PlainText, PlainText] = {}


@router.post("/zgw/notificaties", auth=ZgwWebhookAuth(), response={204: None}, tags=["zgw"])
def zgw_notification(request, payload: NotificationIn):
    """Webhook for the ZGW Notificaties API (kanaal "zaken")."""
    service.receive_zgw_notification(request.zgw_connection, payload.dict())
    return Status(204, None)


@router.post(
    "/openklant/notificaties", auth=OpenKlantWebhookAuth(), response={204: None}, tags=["zgw"]
)
def open_klant_notification(request, payload: NotificationIn):
    """Webhook for Open Notificaties (kanaal "klantcontacten"): a klantcontact with the KCC
    becomes a service event of the connection's service."""
    service.receive_klantcontact_notification(request.zgw_connection, payload.dict())
    return Status(204, None)
