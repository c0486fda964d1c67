"""Signals (complaints, objections, compliments …), follow-ups of critical remarks, and
coding of signals and open answers by theme and principle.

Identity: a signal carries no identity. Contact details a resident gives so we can reply
(public form) or call back live only in the `FollowUp`, with the consent recorded, and are
deleted when it has been closed for the organisation's retention period (DESIGN.md §4).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gehoord.framework.principles import Principle
from gehoord.tenancy.scoping import OrganisationOwned

TEXT_MAX_LENGTH = 5000


class SignalKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    OBJECTION = "objection", _("Objection")
    APPEAL = "appeal", _("Appeal")
    COMPLIMENT = "compliment", _("Compliment")
    FEEDBACK = "feedback", _("Unsolicited feedback")
    CONTACT_NOTE = "contact_note", _("Contact centre note")


class Outcome(models.TextChoices):
    WELL_FOUNDED = "well_founded", _("Well-founded")
    UNFOUNDED = "unfounded", _("Unfounded")
    PARTLY = "partly", _("Partly well-founded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class SignalChannel(models.TextChoices):
    WEB_FORM = "web_form", _("Web form")
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")
    LETTER = "letter", _("Letter")
    DESK = "desk", _("Desk")
    SOCIAL = "social", _("Social media")


class SignalSource(models.TextChoices):
    STAFF = "staff", _("Entered by staff")
    PUBLIC_FORM = "public_form", _("Public form")
    API = "api", _("API")
    CSV = "csv", _("CSV import")
    DEMO = "demo", _("Demo data")


class FeedbackSettings(OrganisationOwned):
    """Per-organisation settings of this app (kept here so tenancy stays small)."""

    low_grade_threshold = models.PositiveSmallIntegerField(
        _("follow up grades up to"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("A response with this grade or lower gets a follow-up."),
    )
    follow_up_working_days = models.PositiveSmallIntegerField(
        _("working days to handle a follow-up"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    complaint_weeks = models.PositiveSmallIntegerField(
        _("complaint: weeks to decide"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    complaint_extension_weeks = models.PositiveSmallIntegerField(
        _("complaint: weeks of extension"),
        default=4,
        validators=[MinValueValidator(0), MaxValueValidator(52)],
    )
    objection_weeks = models.PositiveSmallIntegerField(
        _("objection: weeks to decide"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    objection_committee_weeks = models.PositiveSmallIntegerField(
        _("objection with advisory committee: weeks to decide"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )
    objection_extension_weeks = models.PositiveSmallIntegerField(
        _("objection: weeks of extension"),
        default=6,
        validators=[MinValueValidator(0), MaxValueValidator(52)],
    )
    warning_working_days = models.PositiveSmallIntegerField(
        _("warn this many working days before a deadline"),
        default=5,
        validators=[MinValueValidator(0), MaxValueValidator(30)],
    )
    public_form_enabled = models.BooleanField(_("public feedback form is open"), default=True)
    # Retention: the theme classifier never learns from texts before this day
    # (`feedback.service.forget_classifier_training_before`).
    classifier_training_from = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="one_feedback_settings_per_org")
        ]
        verbose_name = _("feedback settings")
        verbose_name_plural = _("feedback settings")

    def __str__(self) -> str:
        return str(_("feedback settings"))


class Signal(OrganisationOwned):
    kind = models.CharField(_("kind"), max_length=20, choices=SignalKind.choices)
    service = models.ForeignKey(
        "catalog.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("service"),
    )
    team = models.ForeignKey(
        "catalog.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("team"),
    )
    provider = models.ForeignKey(
        "catalog.Provider",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("provider"),
    )
    stage = models.ForeignKey(
        "catalog.Stage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("journey stage"),
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=SignalChannel.choices, default=SignalChannel.WEB_FORM
    )
    received_on = models.DateField(_("received on"))
    text = models.TextField(_("text"), max_length=TEXT_MAX_LENGTH)
    reference = models.CharField(
        _("reference"),
        max_length=100,
        blank=True,
        help_text=_("Case number in another system; never a BSN."),
    )
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=SignalSource.choices,
        default=SignalSource.STAFF,
        editable=False,
    )
    advisory_committee = models.BooleanField(
        _("advisory committee"),
        default=False,
        help_text=_("Objections heard by an independent committee have a longer term."),
    )
    extended = models.BooleanField(_("term extended"), default=False)
    # Stored, not computed on read, so the overdue list is one indexed query.
    due_on = models.DateField(_("deadline"), null=True, blank=True, editable=False)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    decided_on = models.DateField(_("decision date"), null=True, blank=True)
    # The number on the receipt (Awb 9:6) of a signal sent in by a resident or a system,
    # e.g. GH-2026-000123; unique within the organisation (see receipts.py).
    receipt_number = models.CharField(
        _("receipt number"), max_length=20, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    # A member limited to teams sees only their teams' rows (`catalog.limits`).
    team_path = "team"

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "decided_on", "due_on"]),
            models.Index(fields=["organisation", "kind", "received_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "receipt_number"],
                condition=~models.Q(receipt_number=""),
                name="signal_unique_receipt_number",
            )
        ]
        verbose_name = _("signal")
        verbose_name_plural = _("signals")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.received_on:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.decided_on is None


class ReceiptSequence(OrganisationOwned):
    """The last receipt number given out per organisation and year (one row locked per
    new number, so two signals never get the same one)."""

    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "year"], name="one_sequence_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.last}"


class FollowUpReason(models.TextChoices):
    LOW_GRADE = "low_grade", _("Low grade")
    CALL_BACK = "call_back", _("Asked to be contacted")
    SIGNAL = "signal", _("Signal that needs contact")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("To do")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class FollowUp(OrganisationOwned):
    reason = models.CharField(_("reason"), max_length=20, choices=FollowUpReason.choices)
    # One follow-up per response and per signal: creation is idempotent.
    response = models.OneToOneField(
        "surveys.Response", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signal = models.OneToOneField(
        Signal, null=True, blank=True, on_delete=models.CASCADE, related_name="follow_up"
    )
    grade = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True)
    service = models.ForeignKey(
        "catalog.Service",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("service"),
    )
    team = models.ForeignKey(
        "catalog.Team",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("team"),
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("owner"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    due_on = models.DateField(_("handle before"))
    contact_name = models.CharField(_("name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("e-mail address"), blank=True)
    contact_phone = models.CharField(_("phone number"), max_length=20, blank=True)
    consent_at = models.DateTimeField(_("consent to contact given at"), null=True, blank=True)
    # When the resident left details through the call-back link, which then stops working:
    # a reference that leaked (a shared screen, a browser history) cannot overwrite them.
    details_given_at = models.DateTimeField(null=True, blank=True, editable=False)
    outcome = models.TextField(_("outcome"), blank=True, max_length=TEXT_MAX_LENGTH)
    message_back = models.TextField(
        _("message to the resident"), blank=True, max_length=TEXT_MAX_LENGTH
    )
    message_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The interne taak this call-back became in Open Klant (feedback.open_klant), and its
    # status there when last read ("te_verwerken", "verwerkt").
    internal_task_url = models.URLField(_("interne taak"), max_length=500, blank=True)
    internal_task_status = models.CharField(max_length=20, blank=True, editable=False)

    # A member limited to teams sees only their teams' rows (`catalog.limits`).
    team_path = "team"

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["organisation", "status", "due_on"])]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} {self.due_on:%Y-%m-%d}"

    @property
    def has_contact_details(self) -> bool:
        return bool(self.contact_email or self.contact_phone)


class CallResult(models.TextChoices):
    REACHED = "reached", _("Spoke to the resident")
    NO_ANSWER = "no_answer", _("No answer")
    VOICEMAIL = "voicemail", _("Left a voicemail")
    WRONG_NUMBER = "wrong_number", _("Wrong number")
    EMAILED = "emailed", _("Sent an e-mail")


class CallLogEntry(models.Model):
    follow_up = models.ForeignKey(FollowUp, on_delete=models.CASCADE, related_name="calls")
    at = models.DateTimeField(_("when"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    result = models.CharField(_("result"), max_length=20, choices=CallResult.choices)
    note = models.TextField(_("note"), blank=True, max_length=TEXT_MAX_LENGTH)

    organisation_path = "follow_up__organisation"

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("call log entry")
        verbose_name_plural = _("call log entries")

    def __str__(self) -> str:
        return f"{self.get_result_display()} {self.at:%Y-%m-%d %H:%M}"


class Theme(OrganisationOwned):
    """A code in the organisation's theme taxonomy (bereikbaarheid, wachttijd, …)."""

    name = models.CharField(_("name"), max_length=100)
    code = models.SlugField(_("code"), max_length=60)
    principle = models.CharField(
        _("principle"), max_length=30, choices=Principle.choices, blank=True
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "code"], name="theme_unique_code_per_org"
            )
        ]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name


class Coding(OrganisationOwned):
    """One code on one text: a theme or a principle, on a signal or an open answer."""

    signal = models.ForeignKey(
        Signal, null=True, blank=True, on_delete=models.CASCADE, related_name="codings"
    )
    # An open answer (a surveys.Answer of an open_text question).
    answer = models.ForeignKey(
        "surveys.Answer", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    theme = models.ForeignKey(
        Theme, null=True, blank=True, on_delete=models.CASCADE, related_name="codings"
    )
    principle = models.CharField(max_length=30, choices=Principle.choices, blank=True)
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A person confirmed a suggestion of the classifier (kept to measure its usefulness).
    from_suggestion = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(signal__isnull=False, answer__isnull=True)
                | Q(signal__isnull=True, answer__isnull=False),
                name="coding_one_text",
            ),
            models.CheckConstraint(
                condition=Q(theme__isnull=False, principle="")
                | Q(theme__isnull=True) & ~Q(principle=""),
                name="coding_one_code",
            ),
            models.UniqueConstraint(
                fields=["signal", "theme"],
                name="coding_signal_theme",
                condition=Q(signal__isnull=False, theme__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["answer", "theme"],
                name="coding_answer_theme",
                condition=Q(answer__isnull=False, theme__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["signal", "principle"],
                name="coding_signal_principle",
                condition=Q(signal__isnull=False) & ~Q(principle=""),
            ),
            models.UniqueConstraint(
                fields=["answer", "principle"],
                name="coding_answer_principle",
                condition=Q(answer__isnull=False) & ~Q(principle=""),
            ),
        ]
        verbose_name = _("code")
        verbose_name_plural = _("codes")

    def __str__(self) -> str:
        return str(self.theme or self.get_principle_display())


class ThemeClassifier(OrganisationOwned):
    """The latest trained theme classifier of an organisation and its quality on texts it
    did not learn from (grouped cross-validation), beside a majority-class baseline."""

    trained_at = models.DateTimeField(_("trained at"))
    examples = models.PositiveIntegerField(_("examples"))
    held_out = models.PositiveIntegerField(_("held-out examples"))
    texts = models.PositiveIntegerField(_("different texts"), default=0)
    folds = models.PositiveSmallIntegerField(_("folds"), default=0)
    accuracy = models.FloatField(_("accuracy"))
    macro_f1 = models.FloatField(_("macro F1"))
    baseline_accuracy = models.FloatField(_("baseline accuracy"), default=0)
    baseline_macro_f1 = models.FloatField(_("baseline macro F1"), default=0)
    # Mean per-fold advantage in macro F1 over the baseline minus one standard error.
    lower_bound = models.FloatField(default=0)
    beats_baseline = models.BooleanField(_("better than the baseline"), default=False)
    # The oldest text learned from, so retention knows when the model must go.
    oldest_example = models.DateField(null=True, blank=True)
    # joblib-pickled scikit-learn pipeline of masked text only; written by `classifier.train`.
    model = models.BinaryField(editable=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="one_classifier_per_org")
        ]
        verbose_name = _("theme classifier")
        verbose_name_plural = _("theme classifiers")

    def __str__(self) -> str:
        return f"{self.trained_at:%Y-%m-%d} F1 {self.macro_f1:.2f}"


class Watermark(models.Model):
    """How far a periodic pick-up has read (e.g. responses by received_at)."""

    name = models.CharField(max_length=60, unique=True)
    value = models.DateTimeField()

    def __str__(self) -> str:
        return self.name
