"""CloudEvents 1.0 in structured JSON mode (NL GOV profile), and how gehoord signs them.

Every delivery is a POST with `Content-Type: application/cloudevents+json` and a body like

    {"specversion": "1.0", "id": "…", "source": "urn:nld:gehoord:organisatie:zuiderstad",
     "type": "nl.gehoord.response.received", "time": "2026-11-30T11:00:00Z",
     "datacontenttype": "application/json", "subject": "response/123", "data": {…}}

Signature (the Standard Webhooks scheme): three headers,

    webhook-id: <the event id>            (also the idempotency key: the same event is
                                           sent again with the same id after a failure)
    webhook-timestamp: <Unix seconds of this attempt>
    webhook-signature: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">

The key is the subscription's secret (`whsec_<base64>`), base64-decoded after the prefix.
A receiver recomputes the HMAC over the exact body bytes, compares in constant time,
refuses timestamps more than a few minutes off, and ignores an id it already handled.
"""

import base64
import hashlib
import hmac
import json
import secrets
from datetime import UTC, datetime
from typing import Any

SECRET_PREFIX = "whsec_"
CONTENT_TYPE = "application/cloudevents+json"
TYPE_PREFIX = "nl.gehoord."


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def source_of(organisation_slug: str) -> str:
    return f"urn:nld:gehoord:organisatie:{organisation_slug}"


def cloud_event(
    *,
    id: str,
    organisation_slug: str,
    type: str,
    time: datetime,
    subject: str,
    data: dict[str, Any],
    dataref: str = "",
) -> dict[str, Any]:
    event = {
        "specversion": "1.0",
        "id": id,
        "source": source_of(organisation_slug),
        "type": TYPE_PREFIX + type,
        "time": time.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "datacontenttype": "application/json",
        "subject": subject,
        "data": data,
    }
    if dataref:
        event["dataref"] = dataref
    return event


def body_of(event: dict[str, Any]) -> bytes:
    return json.dumps(event, separators=(",", ":"), sort_keys=True).encode()


def signature(secret: str, event_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{event_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def verify(secret: str, headers: dict[str, str], body: bytes) -> bool:
    """Whether the headers sign `body` with `secret` (what a receiver does; used in tests)."""
    lowered = {k.lower(): v for k, v in headers.items()}
    try:
        expected = signature(secret, lowered["webhook-id"], int(lowered["webhook-timestamp"]), body)
    except (KeyError, ValueError):
        return False
    given = lowered.get("webhook-signature", "").split()
    return any(hmac.compare_digest(expected, candidate) for candidate in given)


def headers_for(secret: str, event_id: str, timestamp: int, body: bytes) -> dict[str, str]:
    return {
        "Content-Type": CONTENT_TYPE,
        "webhook-id": event_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, event_id, timestamp, body),
        "User-Agent": "gehoord-webhooks/1",
    }
