"""Reads of the contact register for other apps."""

from datetime import datetime

from django.db.models import Exists, OuterRef, Q, QuerySet

from gehoord import masking
from gehoord.tenancy.models import Organisation

from . import name_cache
from .models import Consent, Contact, Purpose


def with_active_consent(purpose: Purpose) -> Exists:
    return Exists(
        Consent.objects.filter(contact=OuterRef("pk"), purpose=purpose, withdrawn_at__isnull=True)
    )


def contacts(organisation: Organisation) -> QuerySet[Contact]:
    return Contact.objects.for_organisation(organisation)


def panel(
    organisation: Organisation,
    *,
    district: str = "",
    age_band: str = "",
    language: str = "",
    this_year: int | None = None,
) -> QuerySet[Contact]:
    """Residents who agreed to be approached again and have not opted out, by segment."""
    from django.utils import timezone

    queryset = (
        contacts(organisation)
        .filter(opted_out_at__isnull=True)
        .filter(with_active_consent(Purpose.PANEL))
    )
    if district:
        queryset = queryset.filter(district=district)
    if language:
        queryset = queryset.filter(preferred_language=language)
    if age_band:
        year = this_year or timezone.localdate().year
        low, _, high = age_band.partition("-")
        low_age = int(low.rstrip("+"))
        high_age = int(high) if high else 200
        queryset = queryset.filter(birth_year__gte=year - high_age, birth_year__lte=year - low_age)
    return queryset


def contacts_by_opt_out_token(token: str) -> Contact | None:
    return Contact.objects.select_related("organisation").filter(opt_out_token=token).first()


def contact_names(organisation: Organisation) -> QuerySet:
    """The names in the register (flat values), e.g. to mask them in free text."""
    return contacts(organisation).exclude(name="").values_list("name", flat=True).distinct()


def inactive_since(organisation: Organisation, since: datetime) -> QuerySet[Contact]:
    """Contacts whose own record has not changed since `since`: created, edited, opted out
    and every consent given or withdrawn before it. A member of the panel (active panel
    consent) asked to be approached again, so is never inactive while that consent holds.
    Other apps narrow this further (recent events, open follow-ups)."""
    changed_since = Consent.objects.filter(contact=OuterRef("pk")).filter(
        Q(given_at__gte=since) | Q(withdrawn_at__gte=since)
    )
    return (
        contacts(organisation)
        .filter(created_at__lt=since, updated_at__lt=since)
        .filter(Q(opted_out_at__isnull=True) | Q(opted_out_at__lt=since))
        .exclude(Exists(changed_since))
        .exclude(with_active_consent(Purpose.PANEL))
    )


def masking_names(organisation: Organisation) -> frozenset[str]:
    """The register's full names (two words or more) that masking hides. Read them once
    and pass them as `names` when masking many texts of one organisation.

    They come from the shared cache while no contact of the organisation was written since
    (`name_cache`), so a page that masks text does not read the whole register."""
    return name_cache.cached_names(
        organisation.pk,
        lambda: masking.full_names(contact_names(organisation).iterator(chunk_size=5000)),
    )


def mask_personal_data(
    text: str, organisation: Organisation | None, *, names: frozenset[str] | None = None
) -> str:
    """`text` with personal data (BSN, e-mail, phone, IBAN, address, and the full names in
    the organisation's register) replaced by placeholders such as [BSN] and [naam]; the
    rules are `gehoord.masking`'s. Free text that leaves the case screen goes through this."""
    if names is None:
        names = masking_names(organisation) if organisation is not None else frozenset()
    return masking.mask_text(text, names)
