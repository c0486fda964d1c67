"""The measurement model (meethuis): indicators, drivers, the question bank and
versioned questionnaires built from it."""

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy.scoping import OrganisationOwned

from .principles import Principle
from .question_types import QuestionType


class Indicator(OrganisationOwned):
    """An outcome the organisation steers on: overall grade, effort, trust, human dimension."""

    code = models.SlugField(_("code"), max_length=50)
    name_nl = models.CharField(_("name (Dutch)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name_nl"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="indicator_unique_code")
        ]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.name_nl


class Driver(OrganisationOwned):
    """A factor that explains an outcome: reachability, speed, clarity, treatment …"""

    code = models.SlugField(_("code"), max_length=50)
    name_nl = models.CharField(_("name (Dutch)"), max_length=150)
    name_en = models.CharField(_("name (English)"), max_length=150, blank=True)
    description = models.TextField(_("description"), blank=True)
    principle = models.CharField(
        _("principle"), max_length=30, choices=Principle.choices, blank=True
    )

    class Meta:
        ordering = ["name_nl"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "code"], name="driver_unique_code")
        ]
        verbose_name = _("driver")
        verbose_name_plural = _("drivers")

    def __str__(self) -> str:
        return self.name_nl


class QuestionContent(models.Model):
    """What a resident sees of a question. The bank holds it; a questionnaire version keeps
    its own copy, so editing the bank never changes a published version."""

    type = models.CharField(_("type"), max_length=20, choices=QuestionType.choices)
    text_nl = models.TextField(_("question (Dutch)"))
    text_en = models.TextField(_("question (English)"), blank=True)
    help_nl = models.CharField(_("explanation (Dutch)"), max_length=500, blank=True)
    help_en = models.CharField(_("explanation (English)"), max_length=500, blank=True)
    # For choice questions: [{"value": "balie", "nl": "Aan de balie", "en": "At the desk"}].
    options = models.JSONField(_("answer options"), default=list, blank=True)
    min_value = models.IntegerField(_("lowest number"), null=True, blank=True)
    max_value = models.IntegerField(_("highest number"), null=True, blank=True)

    CONTENT_FIELDS = (
        "type",
        "text_nl",
        "text_en",
        "help_nl",
        "help_en",
        "options",
        "min_value",
        "max_value",
    )

    class Meta:
        abstract = True

    def text(self, language: str) -> str:
        return self.text_en if language == "en" and self.text_en else self.text_nl

    def help(self, language: str) -> str:
        return self.help_en if language == "en" and self.help_en else self.help_nl


class Question(OrganisationOwned, QuestionContent):
    """An item of the question bank."""

    code = models.SlugField(
        _("code"), max_length=60, help_text=_("Stable name used in exports and analyses.")
    )
    indicator = models.ForeignKey(
        Indicator,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        verbose_name=_("indicator"),
    )
    driver = models.ForeignKey(
        Driver,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questions",
        verbose_name=_("driver"),
    )
    standard_set = models.CharField(_("standard set"), max_length=40, blank=True)
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["standard_set", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"],
                name="question_unique_code",
                violation_error_message=_("There is already a question with this code."),
            )
        ]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.text_nl

    @property
    def wording_locked(self) -> bool:
        """A question of a nationally fixed set: its Dutch text and type cannot be edited."""
        from .standard_sets import LOCKED_SETS

        return self.standard_set in LOCKED_SETS

    @property
    def wording_to_check(self) -> bool:
        from .standard_sets import wording_to_check

        return bool(self.standard_set) and wording_to_check(self.code)

    def clean(self) -> None:
        from .validation import validate_question_content

        validate_question_content(self)


def new_open_link_token() -> str:
    return secrets.token_urlsafe(12)


class LegalBasis(models.TextChoices):
    """Why the organisation may invite residents to a questionnaire (AVG art. 6).

    The values are those of `contacts.LegalBasis`, which records the basis of a consent."""

    PUBLIC_TASK = "public_task", _("Public task")
    CONSENT = "consent", _("Consent")


class Questionnaire(OrganisationOwned):
    """A survey; what residents answer is always one of its versions."""

    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    services = models.ManyToManyField(
        "catalog.Service", blank=True, related_name="questionnaires", verbose_name=_("services")
    )
    stage = models.ForeignKey(
        "catalog.Stage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questionnaires",
        verbose_name=_("journey stage"),
    )
    open_link_token = models.CharField(
        max_length=40, unique=True, default=new_open_link_token, editable=False
    )
    open_link_enabled = models.BooleanField(
        _("open link"),
        default=False,
        help_text=_("Anyone with the link (for example a QR code at the desk) can answer."),
    )
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=20,
        choices=LegalBasis.choices,
        default=LegalBasis.PUBLIC_TASK,
        help_text=_(
            "Public task: the organisation asks everyone who used the service; residents "
            "can say no at any time. Consent: only residents who said yes beforehand get "
            "an invitation."
        ),
    )
    purpose = models.CharField(
        _("purpose"),
        max_length=300,
        blank=True,
        help_text=_(
            "Say in one or two short sentences why you ask these questions, for example: "
            "“We want to know how residents experience the passport desk, so that we can "
            "improve it.”"
        ),
    )
    archived_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="questionnaire_unique_name",
                violation_error_message=_("There is already a questionnaire with this name."),
            )
        ]
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")

    def __str__(self) -> str:
        return self.name


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class PublishedVersionError(ValidationError):
    """Raised on any attempt to change a published version."""


class QuestionnaireVersion(models.Model):
    """One version of a questionnaire. Published versions are immutable."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    title_nl = models.CharField(_("title (Dutch)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    intro_nl = models.TextField(_("introduction (Dutch)"), blank=True)
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    organisation_path = "questionnaire__organisation"

    class Meta:
        ordering = ["questionnaire", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "number"], name="version_unique_number"
            ),
            models.UniqueConstraint(
                fields=["questionnaire"],
                condition=models.Q(status="draft"),
                name="one_draft_per_questionnaire",
            ),
        ]
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")

    def __str__(self) -> str:
        return f"{self.questionnaire} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED

    def title(self, language: str) -> str:
        return self.title_en if language == "en" and self.title_en else self.title_nl

    def intro(self, language: str) -> str:
        return self.intro_en if language == "en" and self.intro_en else self.intro_nl

    def save(self, *args, **kwargs) -> None:
        if self.pk and not kwargs.pop("_publishing", False):
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == VersionStatus.PUBLISHED:
                raise PublishedVersionError(_("A published version cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_published:
            raise PublishedVersionError(_("A published version cannot be deleted."))
        return super().delete(*args, **kwargs)

    def get_additional_data(self) -> dict:
        return {"organisation_id": self.questionnaire.organisation_id}


class ConditionOperator(models.TextChoices):
    EQUALS = "equals", _("is")
    NOT_EQUALS = "not_equals", _("is not")
    AT_MOST = "at_most", _("is at most")
    AT_LEAST = "at_least", _("is at least")


class VersionItem(QuestionContent):
    """A question as placed in one version: page, position, required, condition."""

    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="items"
    )
    question = models.ForeignKey(Question, on_delete=models.RESTRICT, related_name="version_items")
    page = models.PositiveSmallIntegerField(_("page"), default=1, validators=[MinValueValidator(1)])
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    required = models.BooleanField(_("required"), default=False)
    # Show this item only when the answer to an earlier item meets the condition.
    condition_item = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dependent_items",
        verbose_name=_("show only when the answer to"),
    )
    condition_operator = models.CharField(
        _("condition"), max_length=20, blank=True, choices=ConditionOperator.choices
    )
    condition_value = models.CharField(_("value"), max_length=100, blank=True)

    organisation_path = "version__questionnaire__organisation"

    class Meta:
        ordering = ["version", "page", "position", "pk"]
        verbose_name = _("question in a version")
        verbose_name_plural = _("questions in a version")

    def __str__(self) -> str:
        return f"{self.version}: {self.text_nl[:60]}"

    def _check_draft(self) -> None:
        version = QuestionnaireVersion.objects.filter(pk=self.version_id).only("status").first()
        if version and version.is_published:
            raise PublishedVersionError(_("A published version cannot be changed."))

    def save(self, *args, **kwargs) -> None:
        self._check_draft()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_draft()
        return super().delete(*args, **kwargs)

    def get_additional_data(self) -> dict:
        return {"organisation_id": self.version.questionnaire.organisation_id}


class ImportSource(models.TextChoices):
    LIMESURVEY = "limesurvey", _("LimeSurvey (.lss)")
    JSON = "json", _("gehoord questionnaire (JSON)")


class ImportReport(OrganisationOwned):
    """What an import made of a file: per question what did not map, and why."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="import_reports"
    )
    source = models.CharField(_("source"), max_length=20, choices=ImportSource.choices)
    filename = models.CharField(_("file"), max_length=200, blank=True)
    # [{"question": "Q1", "text": "…", "reason": "…", "imported": false}]
    entries = models.JSONField(default=list)
    # [{"item_key": "Q1", "question": <bank pk>, "reused": true}]
    questions = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import report")
        verbose_name_plural = _("import reports")

    def __str__(self) -> str:
        return f"{self.questionnaire}: {self.filename}"
