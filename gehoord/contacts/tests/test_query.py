"""Reads of the contact register: masking with the register's names."""

import pytest

from gehoord.contacts.query import mask_personal_data, masking_names
from gehoord.contacts.tests.factories import make_contact


@pytest.mark.django_db
def test_names_from_the_contact_register(org_a, org_b):
    make_contact(org_a, "Anna de Jong")
    make_contact(org_a, "Jan")  # one word: not masked
    make_contact(org_b, "Pieter Bakker")
    text = "Anna de Jong en ANNA DE JONG belden; Jan en Pieter Bakker niet."
    assert mask_personal_data(text, org_a) == "[naam] en [naam] belden; Jan en Pieter Bakker niet."
    assert masking_names(org_a) == frozenset({"anna de jong"})
    names = masking_names(org_b)
    assert mask_personal_data(text, org_a, names=names).endswith("Jan en [naam] niet.")
    assert mask_personal_data("Bel 0612345678", None) == "Bel [telefoonnummer]"
