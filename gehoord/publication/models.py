"""What an organisation publishes, and who receives the monthly digest."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy.scoping import OrganisationOwned


class PublicationSettings(OrganisationOwned):
    """One per organisation. Nothing is public until `enabled` is switched on."""

    enabled = models.BooleanField(_("publish results on the public site"), default=False)
    services = models.ManyToManyField(
        "catalog.Service", blank=True, related_name="+", verbose_name=_("published services")
    )
    selected_questions = models.ManyToManyField(
        "framework.Question",
        blank=True,
        related_name="+",
        verbose_name=_("selected items"),
        help_text=_("Agreement questions shown as % agree beside the grade."),
    )
    # Embedding: gehoord itself and the sites listed here may frame the embed page
    # (Content-Security-Policy frame-ancestors); no other site may.
    frame_origins = models.TextField(
        _("websites that may embed the results"),
        blank=True,
        help_text=_(
            "One address per line, e.g. https://www.voorbeeld.nl. Empty: no other "
            "website may embed them."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("publication settings")
        verbose_name_plural = _("publication settings")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], name="publication_settings_one_per_org"
            )
        ]

    def origins(self) -> list[str]:
        return [line.strip() for line in self.frame_origins.splitlines() if line.strip()]


class DigestScope(models.TextChoices):
    ORGANISATION = "organisation", _("The whole organisation")
    TEAM = "team", _("One team")


class DigestSubscription(OrganisationOwned):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(
        _("scope"), max_length=20, choices=DigestScope.choices, default=DigestScope.ORGANISATION
    )
    team = models.ForeignKey(
        "catalog.Team",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("team"),
    )
    active = models.BooleanField(_("send me the monthly digest"), default=True)
    last_sent_for = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("digest subscription")
        verbose_name_plural = _("digest subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "user"], name="digest_one_per_user_and_org"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_scope_display()}"


class AccessibilityStatus(models.TextChoices):
    """The compliance statuses of the Dutch model accessibility statement (DigiToegankelijk)."""

    A = "A", _("A: meets all requirements")
    B = "B", _("B: meets part of the requirements")
    C = "C", _("C: first measures taken")
    D = "D", _("D: no measures taken yet")


class AccessibilityStatement(OrganisationOwned):
    """The organisation's accessibility statement for its gehoord pages, in the order of the
    model statement; shown at /o/<slug>/toegankelijkheid/ with the automated checks."""

    status = models.CharField(
        _("compliance status"),
        max_length=1,
        choices=AccessibilityStatus.choices,
        default=AccessibilityStatus.C,
    )
    scope = models.TextField(
        _("pages the statement covers"),
        default="",
        blank=True,
        help_text=_(
            "For example: the surveys, the feedback form and the public results pages of "
            "gehoord for our municipality."
        ),
    )
    signed_on = models.DateField(_("date of the statement"))
    evaluated_by = models.CharField(_("examined by"), max_length=200, blank=True)
    evaluated_on = models.DateField(_("date of the examination"), null=True, blank=True)
    evaluation_url = models.URLField(_("link to the examination report"), blank=True)
    known_issues = models.TextField(
        _("known problems and what we do about them"),
        blank=True,
        help_text=_("One problem per line, with when it will be solved."),
    )
    contact_email = models.EmailField(_("e-mail address for accessibility questions"))
    contact_phone = models.CharField(_("phone number"), max_length=40, blank=True)
    response_days = models.PositiveSmallIntegerField(
        _("we answer within (working days)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("accessibility statement")
        verbose_name_plural = _("accessibility statements")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], name="accessibility_statement_one_per_org"
            )
        ]

    def known_issue_lines(self) -> list[str]:
        return [line.strip() for line in self.known_issues.splitlines() if line.strip()]
