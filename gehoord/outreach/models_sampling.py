"""A stratified random sample for an invitation rule, with its seed and quotas (issue 22)."""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy.scoping import OrganisationOwned


class Stratum(models.TextChoices):
    SERVICE = "service", _("Service")
    PROVIDER = "provider", _("Provider")
    DISTRICT = "district", _("District")
    AGE_BAND = "age_band", _("Age band")


class Allocation(models.TextChoices):
    PROPORTIONAL = "proportional", _("Proportional to the population")
    MINIMUM = "minimum", _("Proportional, with a minimum per stratum")


class SamplePlan(OrganisationOwned):
    """Draw `size` contacts from those with an event of the rule's service in a period,
    stratified; the seed makes the draw repeatable, the quota stops a stratum's invitations
    once it has enough responses."""

    rule = models.ForeignKey(
        "outreach.InvitationRule",
        on_delete=models.CASCADE,
        related_name="sample_plans",
        verbose_name=_("invitation rule"),
    )
    name = models.CharField(_("name"), max_length=120)
    strata = models.JSONField(_("strata"), default=list)  # Stratum values, in order
    allocation = models.CharField(
        _("allocation"), max_length=20, choices=Allocation.choices, default=Allocation.PROPORTIONAL
    )
    size = models.PositiveIntegerField(_("sample size"), validators=[MinValueValidator(1)])
    minimum_per_stratum = models.PositiveIntegerField(_("minimum per stratum"), default=0)
    # Responses after which a stratum gets no more invitations (empty: no quota).
    response_target = models.PositiveIntegerField(
        _("response target per stratum"), null=True, blank=True
    )
    events_from = models.DateField(_("events from"))
    events_until = models.DateField(_("events until"))
    seed = models.BigIntegerField(_("seed"))
    drawn_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("sample plan")
        verbose_name_plural = _("sample plans")

    def __str__(self) -> str:
        return self.name
