"""Text messages through a gateway: a real HTTP adapter, and a log backend for the demo.

The HTTP adapter posts JSON {"to": "+316…", "text": "…"} with a bearer key to
SMS_GATEWAY_URL; most Dutch SMS providers offer such an endpoint, or a small proxy does.
"""

import json
import logging
import urllib.error
import urllib.request

from django.conf import settings

log = logging.getLogger(__name__)
TIMEOUT_SECONDS = 10


class SmsRefused(Exception):
    """The gateway refused this message (bad number, no credit): try another channel."""


class SmsTemporaryError(Exception):
    """The gateway could not be reached or had an error: try again later."""


def international(mobile: str) -> str:
    """06-numbers as +316…, the form gateways expect."""
    digits = "".join(ch for ch in mobile if ch.isdigit())
    if mobile.strip().startswith("+"):
        return "+" + digits
    if digits.startswith("00"):
        return "+" + digits[2:]
    if digits.startswith("0"):
        return "+31" + digits[1:]
    return "+" + digits


def send_sms(to: str, text: str) -> None:
    backend = settings.SMS_BACKEND
    if backend == "log":
        log.info("SMS to %s: %s", international(to), text)
        return
    if backend != "http":
        raise SmsRefused(f"unknown SMS backend {backend!r}")
    body = json.dumps({"to": international(to), "text": text}).encode()
    request = urllib.request.Request(
        settings.SMS_GATEWAY_URL,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {settings.SMS_GATEWAY_KEY}",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS):  # noqa: S310 - configured URL
            return
    except urllib.error.HTTPError as error:
        if 400 <= error.code < 500 and error.code != 429:
            raise SmsRefused(f"gateway refused: HTTP {error.code}") from error
        raise SmsTemporaryError(f"gateway error: HTTP {error.code}") from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise SmsTemporaryError(f"gateway unreachable: {error}") from error
