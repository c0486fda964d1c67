"""Improvement: actions with their measured effect, goals on the board, published
improvements ("jij zei, wij deden"), the CX maturity scan and shared practices."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy.scoping import OrganisationOwned


class Status(models.TextChoices):
    IDEA = "idea", _("Idea")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    MEASURED = "measured", _("Effect measured")


# Statuses from which gehoord can compute an effect (the action has a done date).
FINISHED = (Status.DONE, Status.MEASURED)


class Action(OrganisationOwned):
    title = models.CharField(_("title"), max_length=200)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    description = models.TextField(_("description"), blank=True)
    # What prompted the action; any combination, all optional.
    driver = models.ForeignKey(
        "framework.Driver",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("driver"),
    )
    theme = models.ForeignKey(
        "feedback.Theme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("theme"),
    )
    provider = models.ForeignKey(
        "catalog.Provider",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("provider"),
    )
    weak_question = models.ForeignKey(
        "framework.Question",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("weak question of the provider"),
    )
    signals = models.ManyToManyField(
        "feedback.Signal", blank=True, related_name="+", verbose_name=_("signals")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    team = models.ForeignKey(
        "catalog.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("team"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IDEA
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    indicator = models.ForeignKey(
        "framework.Indicator",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("indicator it should move"),
    )
    effect_months = models.PositiveSmallIntegerField(
        _("months after"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_(
            "The effect compares this many months after the done date with the trend of "
            "the 12 months before (at least 3 months after are needed)."
        ),
    )
    blocked = models.BooleanField(_("blocked"), default=False)
    blocker = models.CharField(_("blocker"), max_length=300, blank=True)
    waits_for = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="blocking", verbose_name=_("waits for")
    )

    # A member limited to teams sees only their teams' rows (`catalog.limits`).
    team_path = "team"

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return self.title


class Goal(OrganisationOwned):
    """A strategic goal on the board: an indicator, a target and a deadline."""

    indicator = models.ForeignKey(
        "framework.Indicator",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("indicator"),
    )
    target = models.FloatField(_("target value"))
    deadline = models.DateField(_("deadline"))
    description = models.CharField(_("description"), max_length=200, blank=True)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return f"{self.indicator} ≥ {self.target}"


MAX_PER_QUARTER = 5


class PublishedImprovement(OrganisationOwned):
    """One line of the public "jij zei, wij deden" page."""

    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    position = models.PositiveSmallIntegerField(
        _("position"), validators=[MinValueValidator(1), MaxValueValidator(MAX_PER_QUARTER)]
    )
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, related_name="publications", verbose_name=_("action")
    )
    you_said = models.TextField(_("you said"))
    we_did = models.TextField(_("we did"))
    published = models.BooleanField(_("published"), default=False)

    class Meta:
        ordering = ["-year", "-quarter", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "year", "quarter", "position"],
                name="published_improvement_unique_position",
            ),
            models.UniqueConstraint(
                fields=["organisation", "year", "quarter", "action"],
                name="published_improvement_unique_action",
            ),
        ]
        verbose_name = _("published improvement")
        verbose_name_plural = _("published improvements")

    def __str__(self) -> str:
        return f"{self.year} K{self.quarter} #{self.position}"


class MaturityScan(OrganisationOwned):
    held_on = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=150, blank=True)
    # Pillar code → target level 1–5.
    targets = models.JSONField(_("target levels"), default=dict)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("maturity scan")
        verbose_name_plural = _("maturity scans")

    def __str__(self) -> str:
        return self.title or str(self.held_on)


class MaturityAnswer(models.Model):
    scan = models.ForeignKey(MaturityScan, on_delete=models.CASCADE, related_name="answers")
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    statement = models.CharField(max_length=40)
    level = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    organisation_path = "scan__organisation"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scan", "respondent", "statement"], name="maturity_answer_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.statement}: {self.level}"


class Practice(OrganisationOwned):
    """A good practice an organisation shares with its peers (benchlearning)."""

    what = models.TextField(_("what we did"))
    indicator_code = models.SlugField(
        _("question"),
        max_length=50,
        help_text=_("The question it improved; peers match questions by this code."),
    )
    result = models.TextField(_("result"), blank=True)
    shared = models.BooleanField(_("share with other organisations"), default=False)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("practice")
        verbose_name_plural = _("practices")

    def __str__(self) -> str:
        return self.what[:60]
