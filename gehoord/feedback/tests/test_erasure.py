"""Erasing a contact in the register reaches the details follow-ups keep by value."""

from datetime import date

import pytest

from gehoord.contacts import service as contacts_service
from gehoord.contacts.models import Erasure
from gehoord.feedback import service
from gehoord.feedback.erasure import comparable_phone
from gehoord.feedback.models import FollowUp, SignalKind

pytestmark = pytest.mark.django_db


def test_erasing_a_contact_blanks_the_same_details_in_follow_ups(org_a, org_b, admin_a):
    def signal_with(organisation, **contact):
        return service.record_signal(
            organisation,
            kind=SignalKind.COMPLAINT,
            text="Klacht",
            received_on=date(2026, 11, 2),
            contact={"consent": True, **contact},
        )

    by_phone = signal_with(org_a, name="Piet Puk", phone="+31 6 1234 5678")
    by_email = signal_with(org_a, email="Piet@Example.org")
    someone_else = signal_with(org_a, name="Anna", phone="06 87654321")
    other_organisation = signal_with(org_b, phone="06-12345678")
    contact = contacts_service.register_contact(
        org_a, name="Piet Puk", email="piet@example.org", mobile="0612345678"
    )

    contacts_service.erase(contact, admin_a)

    def details(signal):
        follow_up = FollowUp.objects.get(signal=signal)
        return (
            follow_up.contact_name,
            follow_up.contact_email,
            follow_up.contact_phone,
            follow_up.consent_at is not None,
        )

    assert details(by_phone) == ("", "", "", False)
    assert details(by_email) == ("", "", "", False)
    assert details(someone_else) == ("Anna", "", "06 87654321", True)
    assert details(other_organisation)[2] == "06-12345678"  # another organisation's register
    assert Erasure.objects.get().removed == {"consents": 0, "follow_up_contact_details": 2}


@pytest.mark.parametrize(
    "typed", ["0612345678", "06-1234 5678", "+31612345678", "0031 6 12345678", "+31 (0)6 12345678"]
)
def test_phone_numbers_compare_however_typed(typed):
    assert comparable_phone(typed) == "612345678"
