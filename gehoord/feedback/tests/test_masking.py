"""Personal data in free text: BSN (11-test), e-mail, Dutch phone numbers, IBAN (mod 97),
postcode + house number, and names from the contact register."""

import pytest

from gehoord.contacts.tests.factories import make_contact
from gehoord.feedback.masking import is_valid_bsn, is_valid_iban, mask_personal_data


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "123.456.782", "123 456 782"])
def test_valid_bsns_are_masked(bsn):
    assert mask_personal_data(f"Mijn BSN is {bsn}.", None) == "Mijn BSN is [BSN]."


@pytest.mark.parametrize("number", ["123456789", "111222334", "000000000", "12345678"])
def test_numbers_failing_the_eleven_test_stay(number):
    text = f"Zaaknummer {number} graag."
    assert mask_personal_data(text, None) == text


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
    assert (
        mask_personal_data(f"Bel mij op {phone} graag", None) == "Bel mij op [telefoonnummer] graag"
    )


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
    assert mask_personal_data(text, None) == text


def test_iban_only_with_a_valid_checksum():
    assert is_valid_iban("NL91ABNA0417164300") and is_valid_iban("NL91 ABNA 0417 1643 00")
    assert not is_valid_iban("NL92ABNA0417164300")
    assert mask_personal_data("Stort op NL91 ABNA 0417 1643 00.", None) == "Stort op [IBAN]."
    assert mask_personal_data("Rekening NL91ABNA0417164300", None) == "Rekening [IBAN]"
    assert mask_personal_data("DE89370400440532013000 ook", None) == "[IBAN] ook"
    assert mask_personal_data("NL92ABNA0417164300", None) == "NL92ABNA0417164300"


def test_email_postcode_and_address():
    text = "Mail jan.de.vries@example.nl; ik woon Kerkstraat 12a, 1234 AB Voorbeeld."
    assert mask_personal_data(text, None) == "Mail [e-mail]; ik woon [adres], [adres] Voorbeeld."
    assert mask_personal_data("Postcode 1234AB 56 klopt", None) == "Postcode [adres] klopt"


@pytest.mark.django_db
def test_names_from_the_contact_register(org_a, org_b):
    make_contact(org_a, "Anna de Jong")
    make_contact(org_a, "Jan")  # one word: not masked
    make_contact(org_b, "Pieter Bakker")
    text = "Anna de Jong en ANNA DE JONG belden; Jan en Pieter Bakker niet."
    assert mask_personal_data(text, org_a) == "[naam] en [naam] belden; Jan en Pieter Bakker niet."


def test_empty_text():
    assert mask_personal_data("", None) == ""
