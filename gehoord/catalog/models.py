"""What an organisation delivers (services), who delivers it (providers, teams) and the
steps a resident goes through (journeys and stages)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy.scoping import OrganisationOwned


class Archivable(OrganisationOwned):
    """Catalogue records are archived, never deleted: old responses keep pointing at them."""

    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


def unique_name_per_organisation(model_name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=["organisation", "name"],
        name=f"{model_name}_unique_name_per_organisation",
        violation_error_message=_("There is already one with this name."),
    )


class Service(Archivable):
    """Dienst / product: what is delivered, e.g. a passport or Wmo household help."""

    code = models.SlugField(
        _("code"),
        max_length=50,
        blank=True,
        help_text=_("Short code used in imports and links to other systems, e.g. zaaktype."),
    )

    class Meta(Archivable.Meta):
        verbose_name = _("service")
        verbose_name_plural = _("services")
        constraints = [unique_name_per_organisation("service")]


class Provider(Archivable):
    """Aanbieder: a contracted provider that delivers services for the organisation."""

    services = models.ManyToManyField(
        Service, related_name="providers", blank=True, verbose_name=_("services")
    )
    active_from = models.DateField(_("contract start"), null=True, blank=True)
    active_until = models.DateField(_("contract end"), null=True, blank=True)

    class Meta(Archivable.Meta):
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        constraints = [unique_name_per_organisation("provider")]

    def clean(self) -> None:
        if self.active_from and self.active_until and self.active_until < self.active_from:
            raise ValidationError(
                {"active_until": _("The contract end must be on or after the contract start.")}
            )


class Team(Archivable):
    """An internal team, e.g. Werk & Inkomen or the contact centre (KCC)."""

    # A member limited to teams sees (and may choose) only their own (`catalog.limits`).
    team_path = "pk"

    class Meta(Archivable.Meta):
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [unique_name_per_organisation("team")]


class Journey(Archivable):
    """Klantreis: the ordered stages a resident goes through for a service."""

    service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="journeys",
        verbose_name=_("service"),
    )

    class Meta(Archivable.Meta):
        verbose_name = _("journey")
        verbose_name_plural = _("journeys")
        constraints = [unique_name_per_organisation("journey")]


class Stage(models.Model):
    """Fase: one step of a journey; surveys and signals attach to stages."""

    journey = models.ForeignKey(
        Journey, on_delete=models.CASCADE, related_name="stages", verbose_name=_("journey")
    )
    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    organisation_path = "journey__organisation"

    class Meta:
        ordering = ["journey", "position", "pk"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict:
        return {"organisation_id": self.journey.organisation_id}


class ProviderAccess(models.Model):
    """Ties a provider user's membership to the one provider whose results they may see."""

    membership = models.OneToOneField(
        "tenancy.Membership", on_delete=models.CASCADE, related_name="provider_access"
    )
    provider = models.ForeignKey(
        Provider, on_delete=models.CASCADE, related_name="accesses", verbose_name=_("provider")
    )

    organisation_path = "provider__organisation"

    class Meta:
        verbose_name = _("provider access")
        verbose_name_plural = _("provider accesses")

    def __str__(self) -> str:
        return f"{self.membership} → {self.provider}"

    def get_additional_data(self) -> dict:
        return {"organisation_id": self.provider.organisation_id}


class TeamAccess(models.Model):
    """Limits a membership to one of the teams it may see; a membership without any sees
    every team of its organisation (`catalog.limits`)."""

    membership = models.ForeignKey(
        "tenancy.Membership", on_delete=models.CASCADE, related_name="team_accesses"
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="accesses", verbose_name=_("team")
    )

    organisation_path = "team__organisation"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["membership", "team"], name="one_access_per_team"),
        ]
        verbose_name = _("team access")
        verbose_name_plural = _("team accesses")

    def __str__(self) -> str:
        return f"{self.membership} → {self.team}"

    def get_additional_data(self) -> dict:
        return {"organisation_id": self.team.organisation_id}


class ApiKeyTeam(models.Model):
    """Limits an API key to one of the teams it may read and file for; a key without any
    works for the whole organisation (`catalog.limits.team_ids_of_key`)."""

    api_key = models.ForeignKey(
        "tenancy.ApiKey", on_delete=models.CASCADE, related_name="team_limits"
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, related_name="api_key_limits", verbose_name=_("team")
    )

    organisation_path = "team__organisation"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["api_key", "team"], name="one_limit_per_key_team"),
        ]
        verbose_name = _("API key team")
        verbose_name_plural = _("API key teams")

    def __str__(self) -> str:
        return f"{self.api_key} → {self.team}"

    def get_additional_data(self) -> dict:
        return {"organisation_id": self.team.organisation_id}
