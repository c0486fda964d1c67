"""Setting up the ZGW and Open Klant connections from the screen: the connection and its
webhook token (shown once, stored as a digest), the zaaktypes, and the "test connection"
button."""

import secrets
from dataclasses import dataclass, replace

from django.db import transaction
from django.utils.translation import gettext as _

from gehoord import outgoing

from .models import OpenKlantConnection, ZgwConnection, webhook_token_digest
from .zgw import authorization

TEST_TIMEOUT_SECONDS = 5


@dataclass(frozen=True)
class ConnectionCheck:
    ok: bool
    message: str


def new_webhook_token() -> str:
    return secrets.token_urlsafe(32)


def give_new_webhook_token(connection: ZgwConnection | OpenKlantConnection) -> str:
    """Set a fresh webhook token on `connection` (not saved) and return it: the only
    moment it exists in plain text. gehoord stores its digest."""
    token = new_webhook_token()
    connection.webhook_token_hash = webhook_token_digest(token)
    return token


@transaction.atomic
def save_connection(connection: ZgwConnection | OpenKlantConnection) -> str | None:
    """Create or change the organisation's connection. A new one gets a webhook token,
    returned to show once; a change returns None."""
    token = None if connection.webhook_token_hash else give_new_webhook_token(connection)
    connection.save()  # save(): the audit log records the change (not the secret)
    return token


@transaction.atomic
def rotate_webhook_token(connection: ZgwConnection | OpenKlantConnection) -> str:
    """Replace the webhook token (the old one stops working at once); returns the new one
    to show once."""
    token = give_new_webhook_token(connection)
    connection.save(update_fields=["webhook_token_hash"])
    return token


def check_connection(connection: ZgwConnection) -> ConnectionCheck:
    """Ask the first API root (the Zaken API) once, signed as gehoord, with a short
    timeout, through the same guard as every other outgoing call."""
    roots = [root.strip() for root in connection.api_roots.splitlines() if root.strip()]
    if not roots:
        return ConnectionCheck(False, _("Fill in the address of the Zaken API first."))
    policy = replace(connection.outgoing_policy(), timeout=TEST_TIMEOUT_SECONDS)
    try:
        outgoing.open_url(
            roots[0],
            policy,
            headers={"Authorization": authorization(connection), "Accept": "application/json"},
        )
        status = 200
    except outgoing.OutgoingRefused as refusal:
        return ConnectionCheck(
            False,
            _("gehoord may not call %(url)s: %(reason)s.") % {"url": roots[0], "reason": refusal},
        )
    except outgoing.OutgoingFailed as failure:
        if failure.status is None:
            return ConnectionCheck(
                False,
                _(
                    "No answer from %(url)s: %(reason)s. "
                    "Check the address, and whether this server may reach it."
                )
                % {"url": roots[0], "reason": failure.reason},
            )
        status = failure.status
    if 200 <= status < 300:
        return ConnectionCheck(
            True,
            _("The connection works: the Zaken API answered (HTTP %(status)d).")
            % {"status": status},
        )
    if status in (401, 403):
        return ConnectionCheck(
            False,
            _(
                "The Zaken API answered, but refused us (HTTP %(status)d). "
                "Check the client id and the secret."
            )
            % {"status": status},
        )
    return ConnectionCheck(
        False,
        _("The Zaken API answered with an error (HTTP %(status)d). Check the address.")
        % {"status": status},
    )
