"""The contact register: the only place where identity is stored (DESIGN.md §4)."""

import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy.scoping import OrganisationOwned, OrganisationScopedQuerySet

from . import name_cache

IDENTITY_FIELDS = (
    "name",
    "email",
    "mobile",
    "street",
    "postal_code",
    "city",
    "birth_year",
    "external_ref",
    "opt_out_token",
)
AGE_BANDS = [(18, 34), (35, 49), (50, 64), (65, 79), (80, 200)]


def age_band_for(birth_year: int | None, this_year: int) -> str:
    """Coarse age band (e.g. "35-49"), the only form in which age reaches a response."""
    if not birth_year:
        return ""
    age = this_year - birth_year
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return f"{low}+" if high == 200 else f"{low}-{high}"
    return ""


def new_opt_out_token() -> str:
    return secrets.token_urlsafe(24)


class ContactQuerySet(OrganisationScopedQuerySet["Contact"]):
    """Bulk writes, which send no save/delete signals, mark the register's names as changed
    (`name_cache`), so masking never works from a list without a new name in it."""

    def bulk_create(self, objs, *args: Any, **kwargs: Any) -> list["Contact"]:
        objs = list(objs)
        created = super().bulk_create(objs, *args, **kwargs)
        name_cache.names_changed(obj.organisation_id for obj in objs)
        return created

    def bulk_update(self, objs, fields, *args: Any, **kwargs: Any) -> int:
        objs = list(objs)
        updated = super().bulk_update(objs, fields, *args, **kwargs)
        if {"name", "organisation", "organisation_id"} & set(fields):
            name_cache.names_changed(obj.organisation_id for obj in objs)
        return updated

    def update(self, **kwargs: Any) -> int:
        if not {"name", "organisation", "organisation_id"} & set(kwargs):
            return super().update(**kwargs)
        organisation_ids = set(self.order_by().values_list("organisation_id", flat=True).distinct())
        updated = super().update(**kwargs)
        for field in ("organisation", "organisation_id"):
            if field in kwargs:
                target = kwargs[field]
                organisation_ids.add(getattr(target, "pk", target))
        name_cache.names_changed(organisation_ids)
        return updated


class Contact(OrganisationOwned):
    name = models.CharField(_("name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    mobile = models.CharField(_("mobile number"), max_length=20, blank=True)
    street = models.CharField(_("street and house number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("place"), max_length=100, blank=True)
    preferred_language = models.CharField(
        _("language"),
        max_length=5,
        default="nl",
        choices=[("nl", _("Dutch")), ("en", _("English"))],
    )
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    district = models.CharField(_("district"), max_length=80, blank=True)
    # Reference in the source system (e.g. a case number); never a BSN.
    external_ref = models.CharField(_("reference"), max_length=100, blank=True)
    opt_out_token = models.CharField(
        max_length=64, unique=True, default=new_opt_out_token, editable=False
    )
    opted_out_at = models.DateTimeField(_("opted out at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ContactQuerySet.as_manager()  # type: ignore[misc]  # narrows the base manager

    class Meta:
        ordering = ["name", "pk"]
        indexes = [
            models.Index(fields=["organisation", "email"]),
            models.Index(fields=["organisation", "mobile"]),
            models.Index(fields=["organisation", "external_ref"]),
        ]
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")

    def __str__(self) -> str:
        # No identity here: __str__ ends up in logs and the audit trail.
        return f"{_('Contact')} #{self.pk}"

    @property
    def display_name(self) -> str:
        return self.name or self.email or self.mobile or str(self)

    @property
    def has_opted_out(self) -> bool:
        return self.opted_out_at is not None


class Purpose(models.TextChoices):
    SURVEY_INVITATIONS = "survey_invitations", _("Survey invitations")
    PANEL = "panel", _("Panel for later research")
    CALL_BACK = "call_back", _("Call back about answers")


class LegalBasis(models.TextChoices):
    CONSENT = "consent", _("Consent (AVG art. 6.1a)")
    PUBLIC_TASK = "public_task", _("Public task (AVG art. 6.1e)")
    LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest (AVG art. 6.1f)")


class ConsentSource(models.TextChoices):
    SURVEY = "survey", _("In a survey")
    WEB_FORM = "web_form", _("Web form")
    PHONE = "phone", _("By phone")
    DESK = "desk", _("At the desk")
    IMPORT = "import", _("Import")
    STAFF = "staff", _("Entered by staff")


class Consent(models.Model):
    """What a contact agreed to, for one purpose, on what basis and since when."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    legal_basis = models.CharField(_("legal basis"), max_length=30, choices=LegalBasis.choices)
    source = models.CharField(_("source"), max_length=20, choices=ConsentSource.choices)
    given_at = models.DateTimeField(_("given at"))
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    organisation_path = "contact__organisation"

    class Meta:
        ordering = ["contact", "purpose", "-given_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "purpose"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_consent_per_purpose",
            )
        ]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.get_legal_basis_display()})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None

    def get_additional_data(self) -> dict:
        return {"organisation_id": self.contact.organisation_id}


class Erasure(OrganisationOwned):
    """Proof that a contact was erased on request: when, by whom, what was removed.

    Holds no identity: only the former record number and counts of removed records.
    """

    former_contact_id = models.PositiveBigIntegerField()
    erased_at = models.DateTimeField(auto_now_add=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    removed = models.JSONField(default=dict)

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")

    def __str__(self) -> str:
        return f"#{self.former_contact_id} @ {self.erased_at:%Y-%m-%d}"


class PanelSignup(OrganisationOwned):
    """A resident who signed up for the panel on the public page and has not yet
    confirmed by the link in the e-mail (double opt-in).

    Not a contact: only a confirmed sign-up becomes one, with panel consent. The link's
    token is stored only as a hash; the row is deleted on confirmation or once expired.
    """

    email = models.EmailField(_("e-mail address"))
    name = models.CharField(_("name"), max_length=200, blank=True)
    language = models.CharField(max_length=5, default="nl")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("panel sign-up")
        verbose_name_plural = _("panel sign-ups")

    def __str__(self) -> str:
        return f"{_('Panel sign-up')} #{self.pk}"
