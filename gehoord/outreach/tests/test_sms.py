"""Text messages through a real HTTP gateway (a local server in the test)."""

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from gehoord.outreach.dispatch import send_due_invitations
from gehoord.outreach.models import Invitation
from gehoord.outreach.sms import international

from .test_dispatch import DUE, event_for, rule  # noqa: F401  (fixture)


class Gateway(BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self):  # noqa: N802 - http.server's API
        length = int(self.headers["Content-Length"])
        Gateway.received.append(
            (self.headers["Authorization"], json.loads(self.rfile.read(length)))
        )
        self.send_response(Gateway.status)
        self.end_headers()

    def log_message(self, *args):  # keep test output clean
        pass


@pytest.fixture
def gateway(settings):
    Gateway.received, Gateway.status = [], 200
    server = HTTPServer(("127.0.0.1", 0), Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_BACKEND = "http"
    settings.SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_port}/send"
    settings.SMS_GATEWAY_KEY = "geheim"
    yield Gateway
    server.shutdown()


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("06-1234 5678", "+31612345678"),
        ("+31 6 12345678", "+31612345678"),
        ("0031612345678", "+31612345678"),
    ],
)
def test_international_numbers(number, expected):
    assert international(number) == expected


def test_falls_back_to_sms_without_email(org_a, rule, gateway, smtp_inbox):  # noqa: F811
    event_for(org_a, rule, name="Sem", mobile="06-12345678")
    send_due_invitations(now=DUE)
    invitation = Invitation.objects.get()
    assert invitation.status == "sent" and invitation.channel == "sms"
    ((auth, body),) = gateway.received
    assert auth == "Bearer geheim" and body["to"] == "+31612345678"
    assert "/v/" in body["text"] and "/afmelden/" in body["text"]
    assert smtp_inbox.messages == []


def test_gateway_error_is_retried_and_refusal_is_a_failure(org_a, rule, gateway):  # noqa: F811
    gateway.status = 503
    event_for(org_a, rule, external_id="1", mobile="0612345678")
    send_due_invitations(now=DUE)
    assert Invitation.objects.get().reason.startswith("retry")
    gateway.status = 400
    event_for(org_a, rule, external_id="2", mobile="0687654321")
    send_due_invitations(now=DUE)
    refused = Invitation.objects.get(event__external_id="2")
    assert refused.status == "failed" and refused.reason == "no channel could send"
