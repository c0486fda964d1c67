"""ZGW Notificaties webhook: "zaak X got status Y" becomes a service event when Y is the
end status and the zaaktype is mapped to a service.

The notification only carries URLs, so the status, its statustype, the zaak and the
initiator's role are read from the organisation's ZGW APIs (JWT as the ZGW standard asks).
"""

import json
import time
import urllib.parse
from datetime import date
from typing import Any

import jwt
from django.db import transaction

from gehoord import outgoing

from . import events
from .models import EventKind, EventSource, ZaaktypeMapping, ZgwConnection, ZgwNotification


class ZgwError(Exception):
    """A ZGW API could not be read (network, status code, unexpected content)."""


def authorization(connection: ZgwConnection) -> str:
    payload = {
        "iss": connection.client_id,
        "iat": int(time.time()),
        "client_id": connection.client_id,
        "user_id": "gehoord",
        "user_representation": "gehoord",
    }
    return "Bearer " + jwt.encode(payload, connection.secret, algorithm="HS256")


def fetch(connection: ZgwConnection, url: str, params: dict | None = None) -> Any:
    """Read one ZGW resource, only under the connection's API roots (gehoord.outgoing)."""
    if params:
        url = f"{url}?{urllib.parse.urlencode(params)}"
    policy = connection.outgoing_policy()
    try:
        # open_url checks the URL before it sends anything: a refused URL never sees the JWT.
        body = outgoing.open_url(
            url,
            policy,
            headers={
                "Authorization": authorization(connection),
                "Accept": "application/json",
                "Accept-Crs": "EPSG:4326",
            },
        )
        return json.loads(body)
    except outgoing.OutgoingRefused as refusal:
        raise ZgwError(f"refused: {refusal}") from refusal
    except (outgoing.OutgoingFailed, ValueError) as error:
        raise ZgwError(str(error)) from error


def receive(connection: ZgwConnection, payload: dict) -> ZgwNotification:
    """Record a notification; decide at once what needs no API call."""
    notification = ZgwNotification.objects.create(
        organisation_id=connection.organisation_id, payload=payload
    )
    zaaktype = (payload.get("kenmerken") or {}).get("zaaktype", "")
    if (payload.get("kanaal"), payload.get("resource"), payload.get("actie")) != (
        "zaken",
        "status",
        "create",
    ):
        return close(notification, ZgwNotification.Outcome.IGNORED, "not a new zaak status")
    if not ZaaktypeMapping.objects.filter(
        organisation_id=connection.organisation_id, zaaktype_url=zaaktype
    ).exists():
        return close(
            notification,
            ZgwNotification.Outcome.IGNORED,
            f"zaaktype not mapped to a service: {zaaktype}"[:300],
        )
    return notification


def close(
    notification: ZgwNotification, outcome: str, reason: str = "", event=None
) -> ZgwNotification:
    notification.outcome, notification.reason, notification.event = outcome, reason, event
    notification.save(update_fields=["outcome", "reason", "event"])
    return notification


def process(notification_id: int) -> ZgwNotification:
    """The background part: read status, statustype, zaak and initiator; record the event.

    The ZGW APIs are read outside any transaction (SQLite holds its write lock for the
    length of one, so log-ins would wait for the network); the outcome is recorded in a
    short transaction of its own that first checks that no other run recorded one, so a
    notification delivered twice still makes one event.
    """
    notification = ZgwNotification.objects.get(pk=notification_id)
    if notification.outcome != ZgwNotification.Outcome.PENDING:
        return notification
    connection = ZgwConnection.objects.get(organisation_id=notification.organisation_id)
    payload = notification.payload
    mapping = ZaaktypeMapping.objects.select_related("service", "organisation").get(
        organisation_id=notification.organisation_id,
        zaaktype_url=payload["kenmerken"]["zaaktype"],
    )
    try:
        status = fetch(connection, payload["resourceUrl"])
        statustype = fetch(connection, status["statustype"])
        if not statustype.get("isEindstatus"):
            return record_outcome(
                notification_id, ZgwNotification.Outcome.IGNORED, "not the end status"
            )
        zaak = fetch(connection, payload["hoofdObject"])
        # The Zaken API root is what precedes the last "/zaken/<uuid>" in the zaak URL.
        roles = fetch(
            connection,
            zaak["url"].rsplit("/zaken/", 1)[0] + "/rollen",
            {"zaak": zaak["url"], "omschrijvingGeneriek": "initiator"},
        )
    except (ZgwError, KeyError, TypeError) as error:
        return record_outcome(notification_id, ZgwNotification.Outcome.FAILED, str(error)[:300])
    contact = contact_from_roles(roles)
    if not contact:
        return record_outcome(
            notification_id,
            ZgwNotification.Outcome.IGNORED,
            "no e-mail, phone or name of the initiator",
        )
    return record_outcome(
        notification_id,
        ZgwNotification.Outcome.EVENT,
        event_args={
            "organisation": mapping.organisation,
            "contact": contact,
            "service": mapping.service,
            "kind": EventKind.COMPLETED,
            "source": EventSource.ZGW,
            "external_id": zaak["url"][:200],
            "occurred_on": date.fromisoformat(
                str(status.get("datumStatusGezet", ""))[:10] or str(date.today())
            ),
        },
    )


@transaction.atomic
def record_outcome(
    notification_id: int, outcome: str, reason: str = "", event_args: dict | None = None
) -> ZgwNotification:
    """Record the outcome unless another run already did (then that one stands)."""
    notification = ZgwNotification.objects.select_for_update().get(pk=notification_id)
    if notification.outcome != ZgwNotification.Outcome.PENDING:
        return notification
    event = None
    if event_args is not None:
        organisation = event_args.pop("organisation")
        event, _ = events.record_event(organisation, **event_args)
    return close(notification, outcome, reason, event)


def contact_from_roles(roles: Any) -> dict[str, str]:
    """Name, e-mail and phone of the first initiator (ZGW `contactpersoonRol`)."""
    results = roles.get("results", roles) if isinstance(roles, dict) else roles
    for role in results or []:
        person = role.get("contactpersoonRol") or {}
        contact = {
            "name": person.get("naam", ""),
            "email": person.get("emailadres", ""),
            "mobile": person.get("telefoonnummer", ""),
        }
        if contact["email"] or contact["mobile"]:
            return {k: v for k, v in contact.items() if v}
    return {}
