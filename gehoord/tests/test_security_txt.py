"""`/.well-known/security.txt` (RFC 9116): contact and expiry from the settings."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ImproperlyConfigured

from gehoord import security_txt


def test_the_file_names_the_configured_contacts_and_expiry(client, settings):
    settings.GEHOORD_SECURITY_CONTACT = ["mailto:security@example.nl", "https://example.nl/cvd"]
    settings.GEHOORD_SECURITY_TXT_EXPIRES = datetime(2027, 6, 30, 22, 0, tzinfo=UTC)
    settings.GEHOORD_BASE_URL = "https://gehoord.example.nl/"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().splitlines() == [
        "Contact: mailto:security@example.nl",
        "Contact: https://example.nl/cvd",
        "Expires: 2027-06-30T22:00:00Z",
        "Preferred-Languages: nl, en",
        "Canonical: https://gehoord.example.nl/.well-known/security.txt",
    ]


def test_without_a_configured_expiry_it_is_a_year_after_start():
    text = security_txt.content(["mailto:a@example.nl"], None, "https://x/.well-known/security.txt")
    expected = security_txt.STARTED.replace(year=security_txt.STARTED.year + 1)
    expires = next(line for line in text.splitlines() if line.startswith("Expires: "))
    moment = datetime.strptime(expires[len("Expires: ") :], "%Y-%m-%dT%H:%M:%SZ")
    assert abs((moment.replace(tzinfo=UTC) - expected).days) <= 1


def test_an_expiry_without_offset_counts_as_utc():
    assert security_txt.parse_expires("2027-12-31T23:00:00") == datetime(
        2027, 12, 31, 23, 0, tzinfo=UTC
    )
    assert security_txt.parse_expires("") is None


@pytest.mark.parametrize("bad", ["31-12-2027", "volgend jaar"])
def test_a_malformed_expiry_stops_the_start_with_a_clear_message(bad):
    with pytest.raises(ImproperlyConfigured, match="GEHOORD_SECURITY_TXT_EXPIRES"):
        security_txt.parse_expires(bad)


def test_a_contact_that_is_no_uri_stops_the_start():
    with pytest.raises(ImproperlyConfigured, match="mailto:"):
        security_txt.check_contacts(["security@example.nl"])
    assert security_txt.check_contacts(["tel:+31201234567"]) == ["tel:+31201234567"]
