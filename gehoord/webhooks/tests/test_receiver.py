"""The demo receiver (`gehoord webhookreceiver`) gets a real delivery from gehoord, checks
its signature and reports it; a wrong signature is refused, so gehoord tries again."""

import threading
import urllib.request

import pytest

from gehoord.webhooks import cloudevents, service

SECRET = cloudevents.new_secret()


@pytest.fixture
def receiver():
    lines: list[str] = []
    server = service.make_receiver("127.0.0.1", 0, SECRET, lines.append)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/gehoord-webhook", lines
    server.shutdown()
    server.server_close()


def post(url: str, body: bytes, headers: dict[str, str]) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_signed_event_is_reported_and_accepted(receiver):
    url, lines = receiver
    event = {"id": "e-1", "type": "nl.gehoord.response.received", "subject": "response/7"}
    body = cloudevents.body_of(event)
    assert post(url, body, cloudevents.headers_for(SECRET, "e-1", 1_796_000_000, body)) == 204
    assert lines == ["nl.gehoord.response.received e-1 (response/7): handtekening klopt"]


def test_a_wrong_signature_is_refused(receiver):
    url, lines = receiver
    body = cloudevents.body_of({"id": "e-2", "type": "x"})
    other = cloudevents.new_secret()
    assert post(url, body, cloudevents.headers_for(other, "e-2", 1_796_000_000, body)) == 401
    assert lines == ["x e-2 (): HANDTEKENING KLOPT NIET"]


@pytest.mark.django_db
def test_gehoords_own_test_event_arrives_signed_at_the_demo_receiver(
    org_a, immediate_huey, django_capture_on_commit_callbacks
):
    from gehoord.webhooks.models import DeliveryStatus
    from gehoord.webhooks.tests.factories import make_subscription

    lines: list[str] = []
    subscription, secret = make_subscription(org_a, "http://127.0.0.1:1/", ["export.ready"])
    server = service.make_receiver("127.0.0.1", 0, secret, lines.append)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        subscription.url = f"http://127.0.0.1:{server.server_port}/gehoord-webhook"
        subscription.save()
        with django_capture_on_commit_callbacks(execute=True):
            sent = service.send_test_event(subscription)
        sent.refresh_from_db()
        assert sent.status == DeliveryStatus.DELIVERED
        assert len(lines) == 1 and lines[0].endswith(": handtekening klopt")
    finally:
        server.shutdown()
        server.server_close()
