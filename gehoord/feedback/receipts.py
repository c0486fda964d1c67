"""Receipts for signals sent in by residents or systems (Awb 9:6; Wmebv: a confirmed
digital submission).

Every signal that comes in through the public form or the API gets a receipt number that
people can read out on the phone, e.g. GH-2026-000123: unique within the organisation,
counted per calendar year of receipt. When the sender gave an e-mail address, a receipt
e-mail follows with the number, a copy of the message and the statutory deadline of its
kind (from `deadlines`, as stored on the signal).
"""

from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone, translation

from gehoord.tenancy import query as tenancy_query
from gehoord.tenancy.models import Organisation

from .models import ReceiptSequence, Signal, SignalKind

# The article of the Awb that sets the term of a kind with a statutory deadline.
LEGAL_BASIS = {SignalKind.COMPLAINT: "Awb 9:11", SignalKind.OBJECTION: "Awb 7:10"}

PREFIX = "GH"
# The thank-you page shows the number from a signed value in its address, for a day.
SALT = "gehoord.feedback.receipt"
SHOWN_FOR_SECONDS = 24 * 3600


def next_number(organisation: Organisation) -> str:
    """The next receipt number of the organisation; call inside the signal's transaction,
    so a rolled-back signal gives its number back."""
    year = timezone.localdate().year
    sequence, _ = ReceiptSequence.objects.get_or_create(organisation=organisation, year=year)
    # An UPDATE ... SET last = last + 1 locks the row until the transaction ends, so two
    # signals at once each get their own number.
    ReceiptSequence.objects.filter(pk=sequence.pk).update(last=F("last") + 1)
    sequence.refresh_from_db(fields=["last"])
    return f"{PREFIX}-{year}-{sequence.last:06d}"


def signed_receipt(signal: Signal) -> str:
    """The receipt number and the kind of message, signed for the thank-you page's address
    (the page tells what happens next, which depends on the kind)."""
    return signing.dumps([signal.receipt_number, signal.kind], salt=SALT, compress=True)


def shown_receipt(value: str) -> tuple[str, str]:
    """(receipt number, kind) from a signed value, or ("", "") when forged or too old."""
    try:
        loaded = signing.loads(value, salt=SALT, max_age=SHOWN_FOR_SECONDS)
    except signing.BadSignature:
        return "", ""
    if isinstance(loaded, str):  # signed before the kind was added
        return loaded, ""
    number, kind = loaded
    return str(number), str(kind)


def send_receipt(signal: Signal, email: str, language: str = "nl") -> None:
    """The receipt e-mail: the number, when it was received, a copy, the deadline."""
    context = {
        "signal": signal,
        "organisation": signal.organisation,
        "received_at": timezone.localtime(signal.created_at),
        "legal_basis": LEGAL_BASIS.get(signal.kind, ""),
    }
    with translation.override(language):
        subject = render_to_string("feedback/email/receipt_subject.txt", context).strip()
        text = render_to_string("feedback/email/receipt.txt", context)
    sender = tenancy_query.resident_mail_sender(signal.organisation)
    EmailMultiAlternatives(
        " ".join(subject.split()), text, sender.from_email, [email], reply_to=sender.reply_to
    ).send()
