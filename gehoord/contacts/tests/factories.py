"""Test factories of the contact register: contacts and their consents."""

from gehoord.contacts import service
from gehoord.contacts.models import Consent, ConsentSource, Contact, LegalBasis, Purpose
from gehoord.tenancy.models import Organisation


def make_contact(organisation: Organisation, name: str = "Anna de Jong", **fields) -> Contact:
    """A contact of `organisation`, stored as given (no look-up of an existing one)."""
    return Contact.objects.create(organisation=organisation, name=name, **fields)


def make_consent(contact: Contact, purpose: Purpose = Purpose.SURVEY_INVITATIONS,
                 legal_basis: LegalBasis = LegalBasis.CONSENT,
                 source: ConsentSource = ConsentSource.SURVEY) -> Consent:
    """Active consent of `contact` for `purpose`, given now, the way the service records it."""
    return service.give_consent(contact, purpose, legal_basis=legal_basis, source=source)
