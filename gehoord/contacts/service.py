"""Use cases of the contact register: register, consent, opt-out, erasure."""

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.dispatch import Signal
from django.http import HttpRequest
from django.utils import timezone, translation

from gehoord.tenancy import service as tenancy_service
from gehoord.tenancy.models import Organisation

from . import panel_signup, subject_access
from .erasure import ErasedDetails
from .models import Consent, ConsentSource, Contact, Erasure, LegalBasis, PanelSignup, Purpose

PanelLinkExpired = panel_signup.LinkExpired

# Sent inside the erasure's transaction, before the contact is deleted, with
# organisation_id, contact_id, email, mobile and `details` (an `ErasedDetails`: the name, e-mail and
# mobile, and `redact(text)`, which cuts them out of free text). Every store that keeps
# contact details by value or in text removes them: follow-ups and signals (feedback), the
# audit log (tenancy; contacts connects that receiver itself, see apps.py); the stores
# keyed by the contact delete their rows (outreach: service events and invitations). A receiver
# changes rows with `update()`, which writes no new audit entry, and returns a dict of
# {what: how many changed}; it is added to the erasure's proof. Raising aborts the whole
# erasure.
contact_erased = Signal()

# Sent when staff export everything gehoord holds on one contact (AVG art. 15, "inzage"),
# with `contact` and `details` (an `ErasedDetails` of the contact, whose `pattern` finds
# them in free text). Every store that keeps something about a contact answers with a
# list of sections: {"key", "title", "order", "columns": [{"key", "label"}], "rows":
# [{column key: value}]}, values plain (str, number, date, datetime or None); contacts
# connects the audit log's receiver, as for erasure. See `contacts.subject_access`.
subject_access_requested = Signal()


EXPORT_FORMATS = ("json", "pdf")


def export_subject_access(
    contact: Contact, by: User | None, file_format: str, request: HttpRequest | None = None
) -> bytes:
    """Everything gehoord holds on `contact` as a JSON or PDF file (AVG art. 15); the
    download is written to the audit log as a read, with who made it and from where."""
    if file_format not in EXPORT_FORMATS:
        raise ValueError(f"unknown format {file_format!r}")
    details = ErasedDetails(name=contact.name, email=contact.email, mobile=contact.mobile)
    with translation.override(contact.preferred_language):
        # Labels of other stores' sections are made in the contact's language too.
        others: list[dict] = []
        for _receiver, sections in subject_access_requested.send(
            sender=Contact, contact=contact, details=details
        ):
            others.extend(sections)  # type: ignore[arg-type]  # stubs: a reply is a str
        data = subject_access.report(contact, others)
    content = subject_access.as_pdf(data) if file_format == "pdf" else subject_access.as_json(data)
    tenancy_service.record_read(
        request,
        contact,
        tenancy_service.ReadKind.SUBJECT_ACCESS_EXPORT,
        actor=by if by is not None and by.is_authenticated else None,
        extra={"format": file_format},
    )
    return content


def normalise_mobile(number: str) -> str:
    """Digits and a leading + only, so one number is one number (06-1234 5678 = 0612345678)."""
    number = number.strip()
    digits = "".join(ch for ch in number if ch.isdigit())
    return ("+" + digits) if number.startswith("+") else digits


@transaction.atomic
def register_contact(organisation: Organisation, **identity) -> Contact:
    """Find the contact with this e-mail, mobile or reference, or create one; fill blanks.

    Events and imports call this, so the same resident is one contact however often they
    come by.
    """
    identity = {k: (v.strip() if isinstance(v, str) else v) for k, v in identity.items()}
    if identity.get("email"):
        identity["email"] = identity["email"].lower()
    if identity.get("mobile"):
        identity["mobile"] = normalise_mobile(identity["mobile"])
    contact = None
    # One indexed lookup per key, in order of trust; an OR over the three columns would
    # make the database scan the whole register for every event of a large import.
    for key in ("external_ref", "email", "mobile"):
        if identity.get(key) and contact is None:
            contact = (
                Contact.objects.for_organisation(organisation)
                .select_for_update()
                .filter(**{key: identity[key]})
                .order_by("pk")
                .first()
            )
    if contact is None:
        return Contact.objects.create(organisation=organisation, **identity)
    changed = [k for k, v in identity.items() if v not in (None, "") and getattr(contact, k) != v]
    for key in changed:
        setattr(contact, key, identity[key])
    if changed:
        contact.save(update_fields=[*changed, "updated_at"])
    return contact


@transaction.atomic
def give_consent(
    contact: Contact,
    purpose: Purpose,
    *,
    legal_basis: LegalBasis,
    source: ConsentSource,
    given_at: datetime | None = None,
) -> Consent:
    """Record consent for a purpose (an earlier active one for the purpose stays valid).

    `given_at` may be coarser than the moment itself (e.g. the day), where the exact time
    could tie the consent to something that must stay apart from it, such as a response."""
    active = contact.consents.filter(purpose=purpose, withdrawn_at__isnull=True).first()
    if active:
        return active
    if purpose == Purpose.SURVEY_INVITATIONS and contact.opted_out_at:
        # Asking again for survey invitations undoes an earlier opt-out.
        contact.opted_out_at = None
        contact.save(update_fields=["opted_out_at", "updated_at"])
    return Consent.objects.create(
        contact=contact,
        purpose=purpose,
        legal_basis=legal_basis,
        source=source,
        given_at=given_at or timezone.now(),
    )


def withdraw_consent(contact: Contact, purpose: str) -> int:
    return contact.consents.filter(purpose=purpose, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )


@transaction.atomic
def opt_out(token: str) -> Contact | None:
    """The one-click opt-out from a message: no more invitations or panel requests, at once."""
    contact = Contact.objects.select_for_update().filter(opt_out_token=token).first()
    if contact is None:
        return None
    if contact.opted_out_at is None:
        contact.opted_out_at = timezone.now()
        contact.save(update_fields=["opted_out_at", "updated_at"])
    for purpose in (Purpose.SURVEY_INVITATIONS, Purpose.PANEL):
        withdraw_consent(contact, purpose)
    return contact


def may_invite(contact: Contact) -> bool:
    """Whether survey invitations may be sent to this contact at all."""
    return contact.opted_out_at is None


def has_consent(contact: Contact, purpose: Purpose | str) -> bool:
    """Whether the contact has an active (not withdrawn) consent for the purpose."""
    return contact.consents.filter(purpose=purpose, withdrawn_at__isnull=True).exists()


@transaction.atomic
def erase(contact: Contact, by: User | None) -> Erasure:
    """Remove a contact and everything tied to them; keep only proof that it happened.

    Responses are not touched: they never held identity (DESIGN.md §4). The contact is
    read again, locked, so that what is searched for is what is stored now.
    """
    contact = Contact.objects.select_for_update().get(pk=contact.pk)
    removed = _erase_locked(contact)
    return Erasure.objects.create(
        organisation_id=contact.organisation_id,
        former_contact_id=removed.pop("_former_contact_id"),
        erased_by=by,
        removed=removed,
    )


def _erase_locked(contact: Contact) -> dict[str, int]:
    """Send `contact_erased` to every store, delete the contact; what each store removed.

    The one path by which a contact leaves the register, on request (`erase`) or after the
    retention period (`purge_contacts`), so both reach the same stores.
    """
    removed: dict = {"consents": contact.consents.count()}
    for _receiver, result in contact_erased.send(
        sender=Contact,
        contact_id=contact.pk,
        organisation_id=contact.organisation_id,
        email=contact.email,
        mobile=contact.mobile,
        details=ErasedDetails(name=contact.name, email=contact.email, mobile=contact.mobile),
    ):
        removed.update(result or {})  # type: ignore[arg-type]  # stubs: a reply is a str
    removed["_former_contact_id"] = contact.pk
    contact.delete()
    return removed


@transaction.atomic
def purge_contacts(contacts: QuerySet[Contact], *, dry_run: bool = False) -> int:
    """Erase `contacts` whose retention period ended (no proof row each: the retention
    run's audit entry counts them); how many. With `dry_run`, only count them."""
    if dry_run:
        return contacts.count()
    purged = 0
    for contact in contacts.select_for_update().order_by("pk"):
        _erase_locked(contact)
        purged += 1
    return purged


# The panel's public sign-up, double opt-in (see panel_signup).


def sign_up_for_panel(
    organisation: Organisation, email: str, name: str = "", language: str = "nl"
) -> tuple[PanelSignup, str]:
    """A pending sign-up and the raw token of its confirmation link (e-mail it)."""
    return panel_signup.sign_up(organisation, email, name, language)


def pending_panel_signup(token: str) -> PanelSignup | None:
    """None when the link is unknown or used; PanelLinkExpired when it is too old."""
    return panel_signup.pending(token)


@transaction.atomic
def confirm_panel_signup(token: str) -> Contact | None:
    """The confirmation link was opened: the resident becomes a contact (or is found in
    the register) with panel consent, and the sign-up is forgotten. None when unknown or
    used; PanelLinkExpired when too old."""
    signup = panel_signup.pending(token)
    if signup is None:
        return None
    if not PanelSignup.objects.select_for_update().filter(pk=signup.pk).exists():
        return None  # confirmed by another request a moment ago
    contact = register_contact(
        signup.organisation,
        email=signup.email,
        name=signup.name,
        preferred_language=signup.language,
    )
    give_consent(
        contact, Purpose.PANEL, legal_basis=LegalBasis.CONSENT, source=ConsentSource.WEB_FORM
    )
    PanelSignup.objects.filter(pk=signup.pk).delete()
    return contact
