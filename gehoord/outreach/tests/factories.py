"""Test factories of outreach: invitation rules, events, invitations, the ZGW connection, and
a fake Open Klant (a real HTTP server in a thread)."""

import json
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer

from gehoord.catalog.models import Service
from gehoord.framework.models import Questionnaire
from gehoord.outreach.models import (
    EventKind,
    EventSource,
    Invitation,
    InvitationRule,
    OpenKlantConnection,
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


def make_open_klant_connection(
    organisation: Organisation, service: Service, webhook_token: str = "ok-abonnement", **fields
) -> OpenKlantConnection:
    """How `organisation`'s klantcontact notifications reach gehoord."""
    fields.setdefault("api_token", "t" * 40)
    return OpenKlantConnection.objects.create(
        organisation=organisation,
        service=service,
        webhook_token_hash=webhook_token_digest(webhook_token),
        **fields,
    )


# A fake Open Klant: the Open Klant 2 Klantinteracties shapes (klantcontacten, betrokkenen,
# digitale adressen, internetaken); it keeps the interne taken it is sent.
ROOT = "/klantinteracties/api/v1"
KLANTCONTACT = "3f1d2c4e-0000-4000-8000-000000000001"
BETROKKENE = "3f1d2c4e-0000-4000-8000-000000000002"
ADRES_MAIL = "3f1d2c4e-0000-4000-8000-000000000003"
ADRES_TEL = "3f1d2c4e-0000-4000-8000-000000000004"
ACTOR = "3f1d2c4e-0000-4000-8000-0000000000aa"


class FakeOpenKlant(BaseHTTPRequestHandler):
    base = ""
    tokens: list = []
    tasks: dict = {}
    gelukt = True

    def _answer(self, status: int, body: dict) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps(body).encode())

    def _url(self, kind: str, uid: str) -> str:
        return f"{self.base}{ROOT}/{kind}/{uid}"

    def do_GET(self):  # noqa: N802 - http.server's API
        FakeOpenKlant.tokens.append(self.headers["Authorization"])
        resources = {
            f"{ROOT}/klantcontacten/{KLANTCONTACT}": {
                "uuid": KLANTCONTACT,
                "url": self._url("klantcontacten", KLANTCONTACT),
                "nummer": "0000000042",
                "kanaal": "telefoon",
                "onderwerp": "Vraag over afvalpas",
                "indicatieContactGelukt": FakeOpenKlant.gelukt,
                "taal": "nld",
                "vertrouwelijk": False,
                "plaatsgevondenOp": "2026-11-20T09:30:00Z",
                "hadBetrokkenen": [
                    {"uuid": BETROKKENE, "url": self._url("betrokkenen", BETROKKENE)}
                ],
            },
            f"{ROOT}/betrokkenen/{BETROKKENE}": {
                "uuid": BETROKKENE,
                "url": self._url("betrokkenen", BETROKKENE),
                "rol": "klant",
                "initiator": True,
                "contactnaam": {
                    "voorletters": "N",
                    "voornaam": "Noor",
                    "voorvoegselAchternaam": "de",
                    "achternaam": "Vries",
                },
                "volledigeNaam": "",
                "digitaleAdressen": [
                    {"uuid": ADRES_MAIL, "url": self._url("digitaleadressen", ADRES_MAIL)},
                    {"uuid": ADRES_TEL, "url": self._url("digitaleadressen", ADRES_TEL)},
                ],
            },
            f"{ROOT}/digitaleadressen/{ADRES_MAIL}": {
                "uuid": ADRES_MAIL,
                "soortDigitaalAdres": "email",
                "adres": "Noor@Example.org",
                "omschrijving": "privé",
            },
            f"{ROOT}/digitaleadressen/{ADRES_TEL}": {
                "uuid": ADRES_TEL,
                "soortDigitaalAdres": "telefoonnummer",
                "adres": "06 1234 5678",
                "omschrijving": "mobiel",
            },
        }
        resources.update({f"{ROOT}/internetaken/{k}": v for k, v in FakeOpenKlant.tasks.items()})
        body = resources.get(self.path.split("?")[0])
        self._answer(200 if body else 404, body or {"detail": "Niet gevonden."})

    def do_POST(self):  # noqa: N802 - http.server's API
        FakeOpenKlant.tokens.append(self.headers["Authorization"])
        sent = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if self.path != f"{ROOT}/internetaken" or "aanleidinggevendKlantcontact" not in sent:
            self._answer(400, {"detail": "Ongeldig."})
            return
        uid = str(uuid.uuid4())
        task = {**sent, "uuid": uid, "url": self._url("internetaken", uid)}
        task.update(toegewezenOp="2026-11-21T10:00:00Z", afgehandeldOp=None)
        FakeOpenKlant.tasks[uid] = task
        self._answer(201, task)

    def log_message(self, *args):
        pass


@contextmanager
def fake_open_klant() -> Iterator[str]:
    """Run FakeOpenKlant on a free local port; yields its base address."""
    server = HTTPServer(("127.0.0.1", 0), FakeOpenKlant)
    FakeOpenKlant.base = f"http://127.0.0.1:{server.server_port}"
    FakeOpenKlant.tokens, FakeOpenKlant.tasks, FakeOpenKlant.gelukt = [], {}, True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield FakeOpenKlant.base
    finally:
        server.shutdown()
        server.server_close()


def klantcontact_notification(**change) -> dict:
    """What Open Notificaties posts for a new klantcontact at the fake Open Klant."""
    body = {
        "kanaal": "klantcontacten",
        "hoofdObject": f"{FakeOpenKlant.base}{ROOT}/klantcontacten/{KLANTCONTACT}",
        "resource": "klantcontact",
        "resourceUrl": f"{FakeOpenKlant.base}{ROOT}/klantcontacten/{KLANTCONTACT}",
        "actie": "create",
        "aanmaakdatum": "2026-11-20T09:31:00Z",
        "kenmerken": {},
    }
    body.update(change)
    return body


OPEN_KLANT_NOTIFICATIONS = "/api/v1/openklant/notificaties"


@contextmanager
def open_klant_world(organisation: Organisation) -> Iterator[OpenKlantConnection]:
    """A fake Open Klant, `organisation`'s connection to it, a KCC service whose rule invites
    to a short survey, and Huey running tasks at once (for the tests of both ends)."""
    from huey.contrib.djhuey import HUEY

    from gehoord.catalog.tests.factories import make_service
    from gehoord.framework.tests.factories import make_questionnaire

    with fake_open_klant() as base:
        kcc = make_service(organisation, "Klantcontactcentrum", code="kcc")
        connection = make_open_klant_connection(
            organisation,
            kcc,
            api_root=f"{base}{ROOT}/",
            allowed_internal_hosts="127.0.0.1",
            actor_uuid=ACTOR,
        )
        make_rule(kcc, make_questionnaire(organisation, "Korte KCC-peiling"), delay_days=1)
        HUEY.immediate = True
        try:
            yield connection
        finally:
            HUEY.immediate = False


def post_open_klant_notification(client, body: dict, token: str = "ok-abonnement"):
    """Post a notification as Open Notificaties does, running what waits for the commit."""
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(
            OPEN_KLANT_NOTIFICATIONS,
            data=json.dumps(body),
            content_type="application/json",
            headers={"Authorization": f"Token {token}"},
        )
