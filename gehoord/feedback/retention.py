"""How long feedback keeps what a resident told: closed follow-ups and signal texts.

A follow-up holds contact details by value, so it is deleted (with its call log) once it
has been closed for the organisation's retention period. A decided signal's text and
reference are free text in which a resident may be named; they are blanked after the
period for free text, while the signal itself (kind, service, dates, outcome, theme codes)
stays for the counts over time. Each use case counts with the same selection as it
changes, so a dry run says exactly what a real run would do.
"""

from datetime import date, datetime

from django.db.models import QuerySet

from gehoord.tenancy.models import Organisation

from .erasure import comparable_phone
from .models import FollowUp, FollowUpStatus, Signal


def expired_follow_ups(organisation: Organisation, before: datetime) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(
        organisation=organisation, status=FollowUpStatus.CLOSED, closed_at__lt=before
    )


def purge_closed_follow_ups(
    organisation: Organisation, before: datetime, *, dry_run: bool = False
) -> int:
    """Delete follow-ups closed before `before`; how many. With `dry_run`, only count."""
    follow_ups = expired_follow_ups(organisation, before)
    if dry_run:
        return follow_ups.count()
    ids = list(follow_ups.values_list("pk", flat=True))
    _total, by_model = FollowUp.objects.filter(pk__in=ids).delete()  # with their call logs
    return by_model.get(FollowUp._meta.label, 0)


def expired_signal_texts(organisation: Organisation, before: date) -> QuerySet[Signal]:
    """Signals decided before `before` whose text or reference is not blank yet."""
    return (
        Signal.objects.for_organisation(organisation)
        .filter(decided_on__lt=before)
        .exclude(text="", reference="")
    )


def blank_decided_signal_texts(
    organisation: Organisation, before: date, *, dry_run: bool = False
) -> int:
    """Blank the text and reference of signals decided before `before`; how many. With
    `dry_run`, only count. update(): the audit log must not copy the text once more."""
    signals = expired_signal_texts(organisation, before)
    if dry_run:
        return signals.count()
    return Signal.objects.filter(pk__in=signals.values("pk")).update(text="", reference="")


def open_follow_up_addresses(organisation: Organisation) -> tuple[set[str], set[str]]:
    """E-mail addresses (lower case) and phone numbers (comparable) in follow-ups that are
    not closed: a contact reachable there is still being helped."""
    emails, phones = set(), set()
    rows = (
        FollowUp.objects.filter(organisation=organisation)
        .exclude(status=FollowUpStatus.CLOSED)
        .values_list("contact_email", "contact_phone")
    )
    for email, phone in rows:
        if email:
            emails.add(email.lower())
        if phone and (number := comparable_phone(phone)):
            phones.add(number)
    return emails, phones
