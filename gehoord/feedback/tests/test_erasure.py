"""Erasing a contact in the register reaches the details follow-ups keep by value."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.apps import apps

from gehoord.contacts import service as contacts_service
from gehoord.contacts.models import Erasure
from gehoord.feedback import service
from gehoord.feedback.erasure import comparable_phone
from gehoord.feedback.models import FollowUp, Signal, SignalKind

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


def rows_containing(*values: str) -> list[tuple[str, object, str]]:
    """Every stored row (of every model) in which one of `values` still appears.

    Compared without case, and phone numbers also without their spaces and dashes.
    """
    wanted = [value.lower() for value in values]
    digits = {"".join(ch for ch in v if ch.isdigit()).lstrip("0") for v in values}
    digits = {d for d in digits if len(d) >= 9}
    found = []
    for model in apps.get_models():
        for row in model._default_manager.values():
            stored = str(row).lower()
            compact = "".join(ch for ch in stored if ch not in " -.()")
            hits = [v for v in wanted if v in stored] + [d for d in digits if d in compact]
            if hits:
                found.append((model._meta.label, row.get("id"), hits[0]))
    return found


def test_erasure_reaches_signal_texts_and_the_audit_log(org_a, org_b, admin_a):
    contact = contacts_service.register_contact(
        org_a, name="Piet Puk", email="piet.puk@example.org", mobile="06-1234 5678"
    )
    # A change of the contact: the audit log records it.
    contacts_service.register_contact(org_a, email="piet.puk@example.org", name="Pieter Puk")

    def signal(organisation, text, **fields):
        return service.record_signal(
            organisation,
            kind=SignalKind.COMPLAINT,
            text=text,
            received_on=date(2026, 11, 2),
            **fields,
        )

    # With the contact's details for a call back: the signal gets a follow-up holding them.
    named = signal(
        org_a,
        "Ik, Pieter Puk, wacht al weken. Bel 06 12345678.",
        contact={"name": "Pieter Puk", "phone": "06 12345678", "consent": True},
    )
    mailed = signal(org_a, "Reactie graag naar PIET.PUK@example.org, dank!")
    # Edited by staff: the audit log now holds the old and the new text.
    mailed.text = "Reactie graag naar piet.puk@example.org of +31 6 1234 5678."
    service.save_signal(mailed)
    unrelated = signal(org_a, "Het loket was dicht, jammer. Anna")
    elsewhere = signal(org_b, "Mail piet.puk@example.org (andere gemeente)")
    assert rows_containing("Pieter Puk", "piet.puk@example.org", "0612345678")  # stored

    erasure = contacts_service.erase(contact, admin_a)

    left = [
        row
        for row in rows_containing("Pieter Puk", "Piet Puk", "piet.puk@example.org", "0612345678")
        if not _of_organisation(row, org_b)
    ]
    assert left == [], left
    named.refresh_from_db()
    assert named.text == "Ik, [naam], wacht al weken. Bel [telefoonnummer]."
    mailed.refresh_from_db()
    assert mailed.text == "Reactie graag naar [e-mail] of [telefoonnummer]."
    unrelated.refresh_from_db()
    assert unrelated.text == "Het loket was dicht, jammer. Anna"
    elsewhere.refresh_from_db()
    assert "piet.puk@example.org" in elsewhere.text  # another organisation's register
    assert "piet.puk@example.org" in str(
        [e.changes for e in LogEntry.objects.filter(additional_data__organisation_id=org_b.pk)]
    )
    # Audit entries: the two signals created and the one edited.
    assert erasure.removed == {
        "consents": 0,
        "follow_up_contact_details": 1,
        "signal_texts": 2,
        "audit_log_entries": 3,
    }


def _of_organisation(row, organisation) -> bool:
    label, pk, _hit = row
    if label == "feedback.Signal":
        return Signal.objects.filter(pk=pk, organisation=organisation).exists()
    if label == "auditlog.LogEntry":
        entry = LogEntry.objects.get(pk=pk)
        return (entry.additional_data or {}).get("organisation_id") == organisation.pk
    return False
