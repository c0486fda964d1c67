from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .querysets import OrganisationScopedQuerySet
from .roles import Role
from .size_class import SizeClass, size_class_for


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    AGENCY = "agency", _("Agency")
    SERVICE_BUREAU = "service_bureau", _("Service bureau")


class Organisation(models.Model):
    """A tenant: every domain record belongs to exactly one organisation."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    inhabitants = models.PositiveIntegerField(
        _("inhabitants"), help_text=_("Number of inhabitants of the area served.")
    )
    size_class = models.CharField(
        _("size class"), max_length=10, choices=SizeClass.choices, editable=False
    )
    minimum_n = models.PositiveSmallIntegerField(
        _("minimum n for publishing"),
        default=settings.GEHOORD_DEFAULT_MINIMUM_N,
        validators=[MinValueValidator(5), MaxValueValidator(1000)],
        help_text=_("Figures based on fewer responses are not shown anywhere."),
    )
    quarantine_days = models.PositiveSmallIntegerField(
        _("days between two invitations"),
        default=90,
        validators=[MinValueValidator(0), MaxValueValidator(730)],
        help_text=_("Nobody is invited more than once in this many days, across all rules."),
    )
    retention_days_followups = models.PositiveIntegerField(
        _("keep closed follow-ups (days)"),
        default=365,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    retention_days_contacts = models.PositiveIntegerField(
        _("keep inactive contacts (days)"),
        default=730,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    retention_days_open_answers = models.PositiveIntegerField(
        _("keep open answers (days)"),
        default=1095,
        validators=[MinValueValidator(1), MaxValueValidator(3650)],
    )
    languages = models.JSONField(
        _("survey languages"),
        default=list,
        help_text=_("Language codes offered to respondents, for example nl and en."),
    )
    named_in_benchmarks = models.BooleanField(_("may be named in peer benchmarks"), default=False)
    # On for every organisation unless an administrator turns it off (second_factor.py).
    two_factor_required = models.BooleanField(_("two-step verification required"), default=True)
    # Mail to residents leaves from the organisation's own domain when set, so SPF, DKIM and
    # DMARC of that domain can align (mail_sender.py); empty: the platform's DEFAULT_FROM_EMAIL.
    email_sender_address = models.EmailField(_("sender address for residents"), blank=True)
    email_reply_to = models.EmailField(_("reply-to address for residents"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # Stored (not computed on read) so peer benchmarks can filter on it in SQL.
        self.size_class = size_class_for(self.inhabitants)
        super().save(*args, **kwargs)

    def get_additional_data(self) -> dict:
        return {"organisation_id": self.pk}


class Membership(models.Model):
    """A user's role in one organisation; a user may hold several memberships.

    A provider user's link to their one provider lives in the catalogue
    (`catalog.ProviderAccess`), so this lowest floor knows nothing of providers.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    organisation_path = "organisation"
    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="one_membership_per_org"),
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    def get_additional_data(self) -> dict:
        return {"organisation_id": self.organisation_id}


from .api_keys import ApiKey, ApiScope  # noqa: E402,F401  (model defined in its own module)
from .backup_codes import BackupCode  # noqa: E402,F401  (model defined in its own module)
from .invites import MemberInvite  # noqa: E402,F401  (model defined in its own module)
