"""Erasure of a contact reaches the contact details that follow-ups keep by value.

A follow-up stores how to reach a resident as typed on a form (it is not linked to the
contact register), so when the register erases a contact we look for the same e-mail
address or phone number in the organisation's follow-ups and blank them there too.
"""

from typing import Any

from django.db.models import Q

from gehoord.contacts import service as contacts_service

from .models import FollowUp


def comparable_phone(number: str) -> str:
    """One Dutch number, however typed: +31 (0)6-1234 5678, 0031612345678, 0612345678."""
    number = contacts_service.normalise_mobile(number)
    if number.startswith(("+", "00")):
        digits = number.lstrip("+")[2:] if number.startswith("00") else number[1:]
        if digits.startswith("31"):
            digits = digits[2:]
    else:
        digits = number
    return digits.lstrip("0")


def erase_follow_up_contact_details(
    sender: Any, *, organisation_id: int, email: str, mobile: str, **_: Any
) -> dict[str, int]:
    """Receiver of `contacts.service.contact_erased`: returns how many follow-ups lost
    their contact details."""
    phone = comparable_phone(mobile) if mobile else ""
    nothing = Q(pk__in=[])
    by_email = Q(contact_email__iexact=email) if email else nothing
    with_phone = ~Q(contact_phone="") if phone else nothing  # compared below, as typed
    candidates = FollowUp.objects.filter(organisation_id=organisation_id).filter(
        by_email | with_phone
    )
    matching = [
        follow_up.pk
        for follow_up in candidates.only("contact_email", "contact_phone")
        if (email and follow_up.contact_email.lower() == email.lower())
        or (phone and comparable_phone(follow_up.contact_phone) == phone)
    ]
    FollowUp.objects.filter(pk__in=matching).update(
        contact_name="", contact_email="", contact_phone="", consent_at=None
    )
    return {"follow_up_contact_details": len(matching)} if matching else {}
