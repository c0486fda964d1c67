"""`/.well-known/security.txt` (RFC 9116): where a finder reports a vulnerability.

The contact comes from `GEHOORD_SECURITY_CONTACT` (required in production) and the expiry
from `GEHOORD_SECURITY_TXT_EXPIRES`. Without an expiry the file says a year after the server
started: the RFC wants one, and a running installation is maintained by definition; a
configured date lets the security officer own it (and the file then goes stale visibly).
"""

from datetime import UTC, datetime, timedelta

from django.core.exceptions import ImproperlyConfigured

STARTED = datetime.now(UTC)
CONTACT_SCHEMES = ("mailto:", "https://", "tel:")


def parse_expires(value: str) -> datetime | None:
    """The configured expiry as an aware datetime; None when not set."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as error:
        raise ImproperlyConfigured(
            f"GEHOORD_SECURITY_TXT_EXPIRES={value!r} is not an ISO 8601 date-time "
            "(for example 2027-12-31T23:00:00Z)"
        ) from error
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def check_contacts(contacts: list[str]) -> list[str]:
    """The contacts, refused at start-up when one is not a mailto:, https: or tel: URI."""
    for contact in contacts:
        if not contact.startswith(CONTACT_SCHEMES):
            raise ImproperlyConfigured(
                f"GEHOORD_SECURITY_CONTACT: {contact!r} must start with mailto:, https:// or tel:"
            )
    return contacts


def content(contacts: list[str], expires: datetime | None, canonical: str) -> str:
    """The file's text: one Contact line per contact, Expires, languages, canonical URL."""
    until = expires or STARTED + timedelta(days=365)
    lines = [f"Contact: {contact}" for contact in contacts]
    lines += [
        f"Expires: {until.astimezone(UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: nl, en",
        f"Canonical: {canonical}",
    ]
    return "\n".join(lines) + "\n"
