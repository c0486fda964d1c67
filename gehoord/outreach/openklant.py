"""Open Klant (Klantinteracties API): a klantcontact notification becomes a service event,
and a call-back can go back as an interne taak on that klantcontact.

Open Notificaties calls the webhook with kanaal "klantcontacten" and only URLs; the
klantcontact, its betrokkenen and their digitale adressen are read from the Klantinteracties
API (API token, only under the connection's API root: gehoord.outgoing). Notifications are
logged and decided on exactly like ZGW ones (`zgw.close`, `zgw.record_outcome`): one event
per klantcontact however often it is announced.
"""

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from gehoord import outgoing

from . import zgw
from .models import EventKind, EventSource, OpenKlantConnection, ZgwNotification

CHANNEL = "klantcontacten"
TASK_OPEN = "te_verwerken"
TASK_DONE = "verwerkt"


class OpenKlantError(Exception):
    """The Klantinteracties API could not be read or written."""


def _call(
    connection: OpenKlantConnection, url: str, body: dict | None = None, method: str = "GET"
) -> Any:
    headers = {"Authorization": f"Token {connection.api_token}", "Accept": "application/json"}
    data = None
    if body is not None:
        headers["Content-Type"] = "application/json"
        data = json.dumps(body).encode()
    try:
        # open_url checks the URL before it sends anything: a refused URL never sees the token.
        answer = outgoing.open_url(
            url, connection.outgoing_policy(), headers=headers, data=data, method=method
        )
        return json.loads(answer)
    except outgoing.OutgoingRefused as refusal:
        raise OpenKlantError(f"refused: {refusal}") from refusal
    except (outgoing.OutgoingFailed, ValueError) as error:
        raise OpenKlantError(str(error)) from error


def _endpoint(connection: OpenKlantConnection, name: str) -> str:
    return connection.api_root.rstrip("/") + f"/{name}"


def receive(connection: OpenKlantConnection, payload: dict) -> ZgwNotification:
    """Record a notification; decide at once what needs no API call."""
    notification = ZgwNotification.objects.create(
        organisation_id=connection.organisation_id, payload=payload
    )
    if (payload.get("kanaal"), payload.get("resource"), payload.get("actie")) != (
        CHANNEL,
        "klantcontact",
        "create",
    ):
        return zgw.close(notification, ZgwNotification.Outcome.IGNORED, "not a new klantcontact")
    return notification


def process(notification_id: int) -> ZgwNotification:
    """The background part: read the klantcontact and its klant; record the event.

    As zgw.process: the API is read outside any transaction, and the outcome is recorded
    once (a notification delivered twice still makes one event)."""
    notification = ZgwNotification.objects.get(pk=notification_id)
    if notification.outcome != ZgwNotification.Outcome.PENDING:
        return notification
    connection = OpenKlantConnection.objects.select_related("service", "organisation").get(
        organisation_id=notification.organisation_id
    )
    try:
        klantcontact = _call(connection, notification.payload["resourceUrl"])
        if klantcontact.get("indicatieContactGelukt") is False:
            return zgw.record_outcome(
                notification_id, ZgwNotification.Outcome.IGNORED, "the contact did not succeed"
            )
        contact = contact_of(connection, klantcontact)
    except (OpenKlantError, KeyError, TypeError, AttributeError) as error:
        return zgw.record_outcome(notification_id, ZgwNotification.Outcome.FAILED, str(error)[:300])
    if not contact:
        return zgw.record_outcome(
            notification_id, ZgwNotification.Outcome.IGNORED, "no e-mail or phone of the klant"
        )
    return zgw.record_outcome(
        notification_id,
        ZgwNotification.Outcome.EVENT,
        event_args={
            "organisation": connection.organisation,
            "contact": contact,
            "service": connection.service,
            "kind": EventKind.COMPLETED,
            "source": EventSource.OPEN_KLANT,
            "external_id": str(klantcontact["url"])[:200],
            "occurred_on": _day(klantcontact.get("plaatsgevondenOp")),
        },
    )


def _day(moment: Any) -> date:
    try:
        return datetime.fromisoformat(str(moment).replace("Z", "+00:00")).date()
    except ValueError:
        return date.today()


def contact_of(connection: OpenKlantConnection, klantcontact: dict) -> dict[str, str]:
    """Name, e-mail and phone of the klant among the betrokkenen (rol "klant" first)."""
    betrokkenen = [_call(connection, ref["url"]) for ref in klantcontact.get("hadBetrokkenen", [])]
    betrokkenen.sort(key=lambda b: b.get("rol") != "klant")
    for betrokkene in betrokkenen:
        contact = {"name": _name(betrokkene)}
        for ref in betrokkene.get("digitaleAdressen", []):
            adres = _call(connection, ref["url"])
            kind, value = adres.get("soortDigitaalAdres"), str(adres.get("adres", "")).strip()
            if kind == "email" and value:
                contact.setdefault("email", value)
            elif kind == "telefoonnummer" and value:
                contact.setdefault("mobile", value)
        if contact.get("email") or contact.get("mobile"):
            return {k: v[:200] for k, v in contact.items() if v}
    return {}


def _name(betrokkene: dict) -> str:
    if betrokkene.get("volledigeNaam"):
        return str(betrokkene["volledigeNaam"])
    naam = betrokkene.get("contactnaam") or {}
    parts = ("voornaam", "voorvoegselAchternaam", "achternaam")
    return " ".join(str(naam[part]) for part in parts if naam.get(part))


@dataclass(frozen=True)
class InternalTask:
    url: str
    status: str
    explanation: str
    done_at: str | None

    @property
    def done(self) -> bool:
        return self.status == TASK_DONE


def _task(body: dict) -> InternalTask:
    return InternalTask(
        url=str(body["url"]),
        status=str(body.get("status", "")),
        explanation=str(body.get("toelichting", "")),
        done_at=body.get("afgehandeldOp"),
    )


def create_internal_task(
    connection: OpenKlantConnection, klantcontact_url: str, action: str, explanation: str
) -> InternalTask:
    """POST an interne taak on the klantcontact, for the connection's actor."""
    klantcontact = _call(connection, klantcontact_url)  # also checks that it exists
    body: dict[str, Any] = {
        "nummer": "",
        "gevraagdeHandeling": action[:200],
        "aanleidinggevendKlantcontact": {"uuid": klantcontact["uuid"]},
        "toelichting": explanation[:1000],
        "status": TASK_OPEN,
    }
    if connection.actor_uuid:
        body["toegewezenAanActoren"] = [{"uuid": connection.actor_uuid}]
    try:
        return _task(_call(connection, _endpoint(connection, "internetaken"), body, "POST"))
    except (KeyError, TypeError) as error:
        raise OpenKlantError(f"unexpected answer: {error}") from error


def read_internal_task(connection: OpenKlantConnection, url: str) -> InternalTask:
    try:
        return _task(_call(connection, url))
    except (KeyError, TypeError) as error:
        raise OpenKlantError(f"unexpected answer: {error}") from error
