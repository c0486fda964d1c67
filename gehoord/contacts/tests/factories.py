"""Test factories of the contact register (consent is given through contacts.service,
which the tests exercise)."""

from gehoord.contacts.models import Contact
from gehoord.tenancy.models import Organisation


def make_contact(organisation: Organisation, name: str = "Anna de Jong", **fields) -> Contact:
    """A contact of `organisation`, stored as given (no look-up of an existing one)."""
    return Contact.objects.create(organisation=organisation, name=name, **fields)
