"""Personal data in free text: BSN (11-test), e-mail, Dutch phone numbers, IBAN (mod 97),
postcode + house number, and names from the contact register."""

import pytest

from gehoord.masking import is_valid_bsn, is_valid_iban, mask_text


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "123.456.782", "123 456 782"])
def test_valid_bsns_are_masked(bsn):
    assert mask_text(f"Mijn BSN is {bsn}.") == "Mijn BSN is [BSN]."


@pytest.mark.parametrize("number", ["123456789", "111222334", "000000000", "12345678"])
def test_numbers_failing_the_eleven_test_stay(number):
    text = f"Zaaknummer {number} graag."
    assert mask_text(text) == text


def test_eleven_test():
    assert is_valid_bsn("111222333") and is_valid_bsn("123456782")
    assert not is_valid_bsn("123456789") and not is_valid_bsn("000000000")


@pytest.mark.parametrize(
    "phone",
    [
        "0612345678",
        "06-12345678",
        "06 12 34 56 78",
        "06-1234 5678",
        "+31612345678",
        "+31 6 12345678",
        "+31 (0)6 12345678",
        "0031 6 1234 5678",
        "020-1234567",
        "020 123 4567",
        "010-123 45 67",
        "(010) 1234567",
        "0592-123456",
        "+31 20 123 4567",
    ],
)
def test_dutch_phone_formats(phone):
    assert mask_text(f"Bel mij op {phone} graag") == "Bel mij op [telefoonnummer] graag"


@pytest.mark.parametrize(
    "text",
    [
        "Ik betaalde 1250 euro",
        "In 2025 en 2026",
        "Versie 1.2.3",
        "Zaak Z-2024-001234",
        "om 14.30 uur",
    ],
)
def test_ordinary_numbers_stay(text):
    assert mask_text(text) == text


def test_iban_only_with_a_valid_checksum():
    assert is_valid_iban("NL91ABNA0417164300") and is_valid_iban("NL91 ABNA 0417 1643 00")
    assert not is_valid_iban("NL92ABNA0417164300")
    assert mask_text("Stort op NL91 ABNA 0417 1643 00.") == "Stort op [IBAN]."
    assert mask_text("Rekening NL91ABNA0417164300") == "Rekening [IBAN]"
    assert mask_text("DE89370400440532013000 ook") == "[IBAN] ook"
    assert mask_text("NL92ABNA0417164300") == "NL92ABNA0417164300"


def test_email_postcode_and_address():
    text = "Mail jan.de.vries@example.nl; ik woon Kerkstraat 12a, 1234 AB Voorbeeld."
    assert mask_text(text) == "Mail [e-mail]; ik woon [adres], [adres] Voorbeeld."
    assert mask_text("Postcode 1234AB 56 klopt") == "Postcode [adres] klopt"


def test_empty_text():
    assert mask_text("") == ""
