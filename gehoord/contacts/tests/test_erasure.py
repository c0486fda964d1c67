"""An erased contact's details are found back in free text however they were typed."""

import pytest

from gehoord.contacts.erasure import ErasedDetails

DETAILS = ErasedDetails(name="Piet van Puk", email="piet@example.org", mobile="0612345678")


@pytest.mark.parametrize(
    "typed",
    [
        "0612345678",
        "06-1234 5678",
        "06 12 34 56 78",
        "+31612345678",
        "0031 6 12345678",
        "+31 (0)6 12345678",
        "(06) 12345678",
    ],
)
def test_the_mobile_number_is_found_however_typed(typed):
    assert DETAILS.redact(f"Bel {typed} na vijven.") == "Bel [telefoonnummer] na vijven."


def test_name_and_address_are_found_without_regard_to_case_or_spacing():
    text = "Mail PIET@Example.org, groet, piet  VAN puk."
    assert DETAILS.redact(text) == "Mail [e-mail], groet, [naam]."


def test_other_numbers_addresses_and_names_stay():
    text = (
        "Zaak 20612345678, anna.piet@example.org, piet@example.org.nl, Piet, 06123456789, "
        "Pietje van Puk"
    )
    assert DETAILS.redact(text) == text


def test_a_name_of_one_word_is_not_searched_for():
    assert ErasedDetails(name="Noor").redact("Noor en Jan") == "Noor en Jan"


def test_a_foreign_number_is_found_with_its_country_code():
    details = ErasedDetails(mobile="+49 151 2345 6789")
    assert details.redact("Tel. 0049 15123456789") == "Tel. [telefoonnummer]"
