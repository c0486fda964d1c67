"""Pre-aggregated figures (rollups) that dashboards read, and export jobs.

Three grains, all rebuildable from the answers (`gehoord rollup --rebuild`):

- `DailyRollup`: organisation × questionnaire × question × service × provider × team ×
  every segment attribute × local day. The complete record; everything else derives from it.
- `FigureRollup`: the same sums for the dimensions dashboards filter on (service, provider,
  team, response channel) per calendar month and per rolling window. At full segment
  detail a day barely compresses (most combinations hold one response), so screens read
  this coarser table and their cost stays bounded by the number of combinations, not
  responses.
- `SegmentRollup`: per month and window, one segment attribute at a time (district, age
  band, invitation channel, response channel) by the filter dimensions, for the segment
  table.

Each row holds sums, not means: n, Σx, Σx² give mean, sd and confidence interval, and rows
add up across any dimension without losing exactness.

The rollup tables' foreign keys have no constraint in the database (`db_constraint=False`):
they are derived data, rebuilt from answers that keep their own constraints, and checking
six keys for every inserted row made a rebuild's commit take longer than the rebuild. The
ORM relations stay, so deleting an organisation, questionnaire, question, service, provider
or team still deletes (or sets to null) its rollup rows through Django's collector.

Nor do those keys have an index each: every read (dashboards, figures API, benchmarks,
the rebuild itself) goes through the composite indexes below, which start with the
organisation (or the grain), and six more indexes per table made inserting a rebuild's
rows several times slower. Deleting a question, questionnaire, service, provider or team —
rare, by hand — scans the rollup tables once instead.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy.scoping import OrganisationOwned


def _derived_key(to: str, on_delete, **kwargs) -> models.ForeignKey:
    """A foreign key of a rollup table: an ORM relation without a database constraint and
    without an index of its own (see the module docstring)."""
    return models.ForeignKey(
        to, on_delete=on_delete, related_name="+", db_constraint=False, db_index=False, **kwargs
    )


class RollupOwned(OrganisationOwned):
    organisation = _derived_key("tenancy.Organisation", models.CASCADE, editable=False)

    class Meta:
        abstract = True


class Sums(models.Model):
    questionnaire = _derived_key("framework.Questionnaire", models.CASCADE)
    # The bank question, so a figure follows one question across questionnaire versions.
    question = _derived_key("framework.Question", models.CASCADE)
    n = models.PositiveIntegerField(default=0)  # valid numeric answers
    total = models.FloatField(default=0)
    total_sq = models.FloatField(default=0)
    # Agreement 4–5, yes, or a grade of 6 or more ("voldoende").
    favourable = models.PositiveIntegerField(default=0)
    not_applicable = models.PositiveIntegerField(default=0)
    # Disagreement 1–2 or no (the other side of a diverging bar; neutral is what is left).
    unfavourable = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.question_id}: n={self.n}"


class FilterDimensions(models.Model):
    service = _derived_key("catalog.Service", models.SET_NULL, null=True)
    provider = _derived_key("catalog.Provider", models.SET_NULL, null=True)
    team = _derived_key("catalog.Team", models.SET_NULL, null=True)
    channel = models.CharField(max_length=20, blank=True)

    class Meta:
        abstract = True


class DailyRollup(RollupOwned, FilterDimensions, Sums):
    invitation_channel = models.CharField(max_length=20, blank=True)
    district = models.CharField(max_length=80, blank=True)
    age_band = models.CharField(max_length=20, blank=True)
    day = models.DateField()

    class Meta:
        # Every read is one organisation's days (a rebuild's months and windows, a refresh
        # deleting a questionnaire's days): one index serves them all.
        indexes = [models.Index(fields=["organisation", "day"])]


class Grain(models.TextChoices):
    MONTH = "month", _("Month")
    WINDOW = "window", _("Rolling window")
    PREVIOUS_WINDOW = "previous_window", _("Previous rolling window")


class FigureRollup(RollupOwned, FilterDimensions, Sums):
    grain = models.CharField(max_length=20, choices=Grain.choices)
    period_start = models.DateField()
    period_end = models.DateField()

    class Meta:
        indexes = [
            models.Index(fields=["organisation", "grain", "period_start", "question"]),
            # Peer benchmarks read one grain across organisations.
            models.Index(fields=["grain", "period_start"]),
        ]


class SegmentDimension(models.TextChoices):
    DISTRICT = "district", _("District")
    AGE_BAND = "age_band", _("Age band")
    INVITATION_CHANNEL = "invitation_channel", _("Invitation channel")
    CHANNEL = "channel", _("Response channel")


class SegmentRollup(RollupOwned, FilterDimensions, Sums):
    # Keeps the filter dimensions, so the segment table honours every filter of the page.
    dimension = models.CharField(max_length=20, choices=SegmentDimension.choices)
    value = models.CharField(max_length=80, blank=True)
    grain = models.CharField(max_length=20, choices=Grain.choices)
    period_start = models.DateField()
    period_end = models.DateField()

    class Meta:
        indexes = [models.Index(fields=["organisation", "grain", "period_start", "dimension"])]


class RollupState(OrganisationOwned):
    """Per organisation: up to when responses were rolled up; its row is the update lock."""

    received_until = models.DateTimeField(null=True)
    # When the last full rebuild began (it counted every response received before).
    rebuilt_from = models.DateTimeField(null=True)
    window_end = models.DateField(null=True)
    rebuilt_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], name="one_rollup_state_per_organisation"
            )
        ]


class DriverAnalysis(OrganisationOwned):
    """A stored key-driver analysis: computed nightly from answers, read by the dashboard."""

    questionnaire = models.ForeignKey(
        "framework.Questionnaire", null=True, on_delete=models.CASCADE, related_name="+"
    )
    service = models.ForeignKey(
        "catalog.Service", null=True, on_delete=models.CASCADE, related_name="+"
    )
    provider = models.ForeignKey(
        "catalog.Provider", null=True, on_delete=models.CASCADE, related_name="+"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    n = models.PositiveIntegerField()
    r_squared = models.FloatField(null=True)
    # [{"driver": code, "question": id, "share": .., "ci_low": .., "ci_high": ..,
    #   "performance": % agree, "quadrant": ..}, …]
    weights = models.JSONField(default=list)
    # Why no weights were computed (too few responses, a driver without variance …).
    problem = models.CharField(max_length=200, blank=True)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["organisation", "service", "provider"])]


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel (XLSX)"
    SAV = "sav", "SPSS (.sav)"
    PDF = "pdf", "PDF"


class ExportKind(models.TextChoices):
    RESPONSES = "responses", _("Responses (pseudonymous)")
    FIGURES = "figures", _("Figures per question")
    REPORT = "report", _("Report for council and management")


# Which formats make sense for which export (the form offers and the service accepts these).
EXPORT_FORMATS = {
    ExportKind.RESPONSES: {ExportFormat.CSV, ExportFormat.XLSX, ExportFormat.SAV},
    ExportKind.FIGURES: {ExportFormat.CSV, ExportFormat.XLSX, ExportFormat.SAV},
    ExportKind.REPORT: {ExportFormat.PDF},
}


class ExportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting")
    RUNNING = "running", _("Busy")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class ExportJob(OrganisationOwned):
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("what"), max_length=20, choices=ExportKind.choices)
    format = models.CharField(_("format"), max_length=10, choices=ExportFormat.choices)
    # The filters the export was asked with (period, service, provider, team, channel).
    parameters = models.JSONField(_("selection"), default=dict)
    status = models.CharField(
        max_length=20, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    content = models.BinaryField(null=True, editable=False)
    filename = models.CharField(max_length=200, blank=True)
    error = models.TextField(blank=True)
    # Responses export: what was generalised and suppressed, the achieved k, how many open
    # answers were masked (exports.privacy_report puts it into words).
    privacy_report = models.JSONField(null=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    @property
    def progress_percent(self) -> int:
        if self.status == ExportStatus.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0


from .models_forecast import DemandForecast, ExpiryCount  # noqa: E402,F401
from .models_text import TextAnalysis  # noqa: E402,F401  (registered with this app)
