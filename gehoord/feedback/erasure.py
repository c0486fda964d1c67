"""Erasure of a contact reaches the contact details that feedback keeps by value or in text.

A follow-up stores how to reach a resident as typed on a form (it is not linked to the
contact register), so when the register erases a contact we look for the same e-mail
address or phone number in the organisation's follow-ups and blank them there too. A
signal's text, a follow-up's outcome and message and the notes of calls are free text in
which the name, address or number may have been written; they are redacted in place
(`ErasedDetails.redact`: [naam], [e-mail], [telefoonnummer]).

Rows are changed with `update()`, which writes no audit entry that would copy the details
again (the audit log's own receiver may already have run).

The theme classifier learned from coded texts: when the contact's details occur in one of
them (or a coded signal's follow-up carries their address or number), the stored model is
discarded and retrained after the erasure commits, on the redacted texts.
"""

from typing import Any

from django.db.models import Q

from gehoord.contacts import service as contacts_service

from . import training
from .models import CallLogEntry, Coding, FollowUp, Signal, ThemeClassifier

# Free text that may hold a resident's details: the model, its text fields, the proof's key.
FREE_TEXT = [
    (Signal, ("text",), "signal_texts"),
    (FollowUp, ("outcome", "message_back"), "follow_up_texts"),
    (CallLogEntry, ("note",), "call_notes"),
]


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


def matching_follow_ups(organisation_id: int, email: str, mobile: str, **filters: Any) -> list[int]:
    """Ids of the organisation's follow-ups that hold this e-mail address or phone number
    (however the number was typed), among those matching `filters`."""
    phone = comparable_phone(mobile) if mobile else ""
    nothing = Q(pk__in=[])
    by_email = Q(contact_email__iexact=email) if email else nothing
    with_phone = ~Q(contact_phone="") if phone else nothing  # compared below, as typed
    candidates = FollowUp.objects.filter(organisation_id=organisation_id, **filters).filter(
        by_email | with_phone
    )
    return [
        follow_up.pk
        for follow_up in candidates.only("contact_email", "contact_phone")
        if (email and follow_up.contact_email.lower() == email.lower())
        or (phone and comparable_phone(follow_up.contact_phone) == phone)
    ]


def erase_follow_up_contact_details(
    sender: Any, *, organisation_id: int, email: str, mobile: str, **_: Any
) -> dict[str, int]:
    """Receiver of `contacts.service.contact_erased`: returns how many follow-ups lost
    their contact details."""
    matching = matching_follow_ups(organisation_id, email, mobile)
    FollowUp.objects.filter(pk__in=matching).update(
        contact_name="", contact_email="", contact_phone="", consent_at=None
    )
    return {"follow_up_contact_details": len(matching)} if matching else {}


def erase_from_free_text(
    sender: Any, *, organisation_id: int, details: Any, **_: Any
) -> dict[str, int]:
    """Receiver of `contacts.service.contact_erased`: redacts the details in the
    organisation's signal texts, follow-up texts and call notes; returns how many rows of
    each changed."""
    removed = {}
    for model, fields, key in FREE_TEXT:
        rows = model.objects.filter(**{model.organisation_path: organisation_id})
        changed = 0
        for row in rows.only("pk", *fields).iterator(chunk_size=2000):
            update = {field: details.redact(getattr(row, field)) for field in fields}
            if any(update[field] != getattr(row, field) for field in fields):
                model.objects.filter(pk=row.pk).update(**update)
                changed += 1
        if changed:
            removed[key] = changed
    return removed


def discard_classifier_trained_on_contact(
    sender: Any, *, organisation_id: int, email: str, mobile: str, details: Any, **_: Any
) -> dict[str, int]:
    """Receiver of `contacts.service.contact_erased`: discards the stored theme classifier
    when it learned from a text of this contact, and queues a retrain.

    Connected before the receivers that blank and redact (`apps.py`), so it still sees the
    texts and follow-ups as the model learned from them."""
    if not ThemeClassifier.objects.filter(organisation_id=organisation_id).exists():
        return {}
    coded = Coding.objects.filter(organisation_id=organisation_id, theme__isnull=False)
    texts = coded.values_list("signal__text", "answer__value_text")
    mentioned = any(
        details.redact(text) != text
        for pair in texts.iterator(chunk_size=2000)
        for text in pair
        if text
    )
    if not mentioned and not matching_follow_ups(
        organisation_id, email, mobile, signal__in=coded.values("signal_id")
    ):
        return {}
    discarded = training.discard_model(organisation_id)
    training.schedule_training(organisation_id)
    return {"classifier_models": discarded}
