"""The yearly statutory client-experience survey (Wmo 2015 art. 2.5.1, Jeugdwet art. 2.10)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy.scoping import OrganisationOwned


class Law(models.TextChoices):
    WMO = "wmo", _("Wmo 2015")
    YOUTH = "jeugdwet", _("Jeugdwet")


class Sampling(models.TextChoices):
    EVERYONE = "everyone", _("Everyone in the population")
    SAMPLE = "sample", _("A random sample")


class SurveyChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Text message")
    LETTER = "letter", _("Letter with a link")
    PAPER = "paper", _("Paper questionnaire")
    PHONE = "phone", _("Phone interview")


class YearStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    CLOSED = "closed", _("Closed")


class StatutoryYear(OrganisationOwned):
    """One year's survey under one law: the plan, and once closed, what is reported."""

    year = models.PositiveSmallIntegerField(_("year"))
    law = models.CharField(_("law"), max_length=20, choices=Law.choices)
    questionnaires = models.ManyToManyField(
        "framework.Questionnaire",
        blank=True,
        related_name="+",
        verbose_name=_("questionnaires"),
        help_text=_("The questionnaires whose answers count for this year (one per service)."),
    )
    population = models.TextField(
        _("who is in the population"),
        help_text=_("For example: residents who had a Wmo provision or an assessment in the year."),
    )
    population_size = models.PositiveIntegerField(
        _("size of the population"), null=True, blank=True
    )
    sampling = models.CharField(
        _("who is asked"), max_length=20, choices=Sampling.choices, default=Sampling.EVERYONE
    )
    sample_size = models.PositiveIntegerField(_("size of the sample"), null=True, blank=True)
    channels = models.JSONField(_("channels"), default=list)
    invited_outside = models.PositiveIntegerField(
        _("invited outside gehoord"),
        default=0,
        help_text=_("Paper questionnaires or letters sent by post without gehoord."),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    summary = models.TextField(
        _("summary in plain language"),
        blank=True,
        help_text=_("Short sentences (language level B1). It comes first in the report."),
    )
    actions = models.ManyToManyField(
        "improvement.Action",
        blank=True,
        related_name="+",
        verbose_name=_("what we did with last year's results"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=YearStatus.choices, default=YearStatus.PLANNED
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    reminded_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-year", "law"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "law"],
                name="statutory_one_per_year_and_law",
                violation_error_message=_("There is already a plan for this year and law."),
            )
        ]
        verbose_name = _("statutory survey year")
        verbose_name_plural = _("statutory survey years")

    def __str__(self) -> str:
        return f"{self.get_law_display()} {self.year}"


class MarginDimension(models.TextChoices):
    AGE_BAND = "age_band", _("Age band")
    DISTRICT = "district", _("District")
    SERVICE = "service", _("Service")
    PROVIDER = "provider", _("Provider")


class MarginSource(models.TextChoices):
    TYPED = "typed", _("Typed in")
    COMPUTED = "computed", _("Counted from the contact register and events")


class PopulationMargin(OrganisationOwned):
    """How many people of the year's population are in one category of one dimension
    (age band 75+, district Noord, …): what raking weights the responses to."""

    year = models.ForeignKey(
        StatutoryYear, on_delete=models.CASCADE, related_name="margins", verbose_name=_("year")
    )
    dimension = models.CharField(_("dimension"), max_length=20, choices=MarginDimension.choices)
    category = models.CharField(
        _("category"),
        max_length=120,
        help_text=_("As the responses carry it: the age band (80+), district or name."),
    )
    count = models.PositiveIntegerField(_("number of people"))
    source = models.CharField(
        _("source"), max_length=20, choices=MarginSource.choices, default=MarginSource.TYPED
    )

    class Meta:
        ordering = ["dimension", "category"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "dimension", "category"],
                name="statutory_one_margin_per_category",
                violation_error_message=_("This category already has a number."),
            )
        ]
        verbose_name = _("population margin")
        verbose_name_plural = _("population margins")

    def __str__(self) -> str:
        return f"{self.get_dimension_display()} {self.category}: {self.count}"
