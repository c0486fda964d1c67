"""Setting up the ZGW connection from the screen: the connection, its zaaktypes, and the
"test connection" button."""

import secrets
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from .models import ZgwConnection
from .zgw import authorization

TEST_TIMEOUT_SECONDS = 5


@dataclass(frozen=True)
class ConnectionCheck:
    ok: bool
    message: str


def new_webhook_token() -> str:
    return secrets.token_urlsafe(32)


@transaction.atomic
def save_connection(connection: ZgwConnection) -> ZgwConnection:
    """Create or change the organisation's connection; a new one gets its webhook token."""
    if not connection.webhook_token:
        connection.webhook_token = new_webhook_token()
    connection.save()  # save(): the audit log records the change (not the secret)
    return connection


def check_connection(connection: ZgwConnection) -> ConnectionCheck:
    """Ask the Zaken API root once, signed as gehoord, with a short timeout."""
    if not connection.api_root:
        return ConnectionCheck(False, _("Fill in the address of the Zaken API first."))
    request = urllib.request.Request(
        connection.api_root,
        headers={"Authorization": authorization(connection), "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=TEST_TIMEOUT_SECONDS) as response:  # noqa: S310
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return ConnectionCheck(
            False,
            _(
                "No answer from %(url)s: %(reason)s. "
                "Check the address, and whether this server may reach it."
            )
            % {"url": connection.api_root, "reason": reason},
        )
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
