"""Responses, stored under a random id and never beside identity (DESIGN.md §4).

A `SurveyToken` is a personal (or open-link) way in to one questionnaire: it keeps the
resident's unfinished answers so they can stop and resume. Only on the final submit is a
`Response` created, with no link back to the token, the invitation or the contact; the
token then forgets all it shares with the response and keeps only that it was completed.
"""

import secrets
import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy.scoping import OrganisationOwned


class Channel(models.TextChoices):
    WEB = "web", _("Web")
    PHONE = "phone", _("Phone")
    PAPER = "paper", _("Paper")
    DESK = "desk", _("Desk")


class Segment(models.Model):
    """Coarse attributes copied at invitation time; the only context a response keeps."""

    service = models.ForeignKey(
        "catalog.Service", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    provider = models.ForeignKey(
        "catalog.Provider", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    team = models.ForeignKey(
        "catalog.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    district = models.CharField(_("district"), max_length=80, blank=True)
    age_band = models.CharField(_("age band"), max_length=20, blank=True)
    invitation_channel = models.CharField(_("invitation channel"), max_length=20, blank=True)

    SEGMENT_FIELDS = (
        "service_id",
        "provider_id",
        "team_id",
        "district",
        "age_band",
        "invitation_channel",
    )

    class Meta:
        abstract = True


def new_token() -> str:
    return secrets.token_urlsafe(24)


class TokenStatus(models.TextChoices):
    OPEN = "open", _("Not started")
    IN_PROGRESS = "in_progress", _("Started")
    COMPLETED = "completed", _("Completed")


class PanelRequest(models.TextChoices):
    """A resident with a personal link who said yes to "Wilt u vaker meedenken?".

    Kept on the link, never on the response; outreach records the panel consent for the
    contact behind the link's invitation in its next run and marks it recorded."""

    NONE = "", _("Not asked")
    REQUESTED = "requested", _("Wants to join the panel")
    RECORDED = "recorded", _("Panel consent recorded")


class SurveyToken(OrganisationOwned, Segment):
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    questionnaire = models.ForeignKey(
        "framework.Questionnaire", on_delete=models.CASCADE, related_name="tokens"
    )
    # Fixed at the first visit, so a newer publication never changes a survey half-way.
    version = models.ForeignKey(
        "framework.QuestionnaireVersion",
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="tokens",
    )
    from_open_link = models.BooleanField(default=False)
    # For letters: a short code to type in at /code/ by those who cannot scan the QR code.
    access_code = models.CharField(
        max_length=12, unique=True, null=True, blank=True, editable=False
    )
    language = models.CharField(max_length=5, default="nl")
    status = models.CharField(max_length=20, choices=TokenStatus.choices, default=TokenStatus.OPEN)
    page = models.PositiveSmallIntegerField(default=1)
    # Unfinished answers, keyed by version item id; emptied on submit.
    draft = models.JSONField(default=dict, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    panel_request = models.CharField(
        max_length=10, choices=PanelRequest.choices, default=PanelRequest.NONE, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # No date of completion, and once completed no segment, version or language either
    # (service.forget): they would match the token, and so its invitation and contact,
    # with its response.

    class Meta:
        verbose_name = _("survey link")
        verbose_name_plural = _("survey links")

    def __str__(self) -> str:
        return f"{self.questionnaire} ({self.get_status_display()})"


class EntryKey(OrganisationOwned):
    """The key of one interviewer form, claimed in the transaction that stores its answers.

    Unique, so a double click, a replayed post or five posts at once store one response
    whichever session or process they come in by. It keeps no link to the response or to
    who entered it; the date is only there to purge old keys by.
    """

    key = models.UUIDField(unique=True, editable=False)
    created_on = models.DateField(default=timezone.localdate, editable=False)

    def __str__(self) -> str:
        return str(self.key)


class Review(models.TextChoices):
    """Whether a response counts in the figures, for open-link responses that look doubtful.

    A doubtful response is kept, never dropped: it waits (PENDING, not counted) until an
    analyst calls it GENUINE (counted) or DUPLICATE (never counted)."""

    NONE = "", _("Not in doubt")
    PENDING = "pending", _("To be reviewed")
    GENUINE = "genuine", _("Genuine")
    DUPLICATE = "duplicate", _("Duplicate")


class ReviewReason(models.TextChoices):
    NONE = "", _("None")
    SAME_ANSWERS = "same_answers", _("Same answers from the same device shortly before")
    OVER_LIMIT = "over_limit", _("Sent after the open link's limit for this device")


# Responses that count in the figures.
COUNTED_REVIEWS = (Review.NONE, Review.GENUINE)


class Response(OrganisationOwned, Segment):
    """One completed questionnaire."""

    # Not stored: set by service.submit on the response it returns (the call-back offer
    # made from the answers just written, so they need not be read back).
    call_back_reference: str | None

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    questionnaire = models.ForeignKey(
        "framework.Questionnaire", on_delete=models.RESTRICT, related_name="responses"
    )
    version = models.ForeignKey(
        "framework.QuestionnaireVersion", on_delete=models.RESTRICT, related_name="responses"
    )
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.WEB
    )
    language = models.CharField(_("language"), max_length=5, default="nl")
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    # When it reached us (imports carry an older submitted_at): later floors (rollups,
    # follow-ups) pick up new responses by this moment, since surveys may not call them.
    received_at = models.DateTimeField(
        _("received at"), default=timezone.now, db_index=True, editable=False
    )
    # Doubtful open-link responses (surveys.open_link_limits): never an address, only why.
    review = models.CharField(
        _("review"), max_length=10, choices=Review.choices, default=Review.NONE, blank=True
    )
    review_reason = models.CharField(
        _("reason"), max_length=20, choices=ReviewReason.choices, default="", blank=True
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When an analyst decided: rollups recompute the response's day from then on.
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, db_index=True)

    # A member limited to teams sees only their teams' rows (`catalog.limits`).
    team_path = "team"

    class Meta:
        ordering = ["-submitted_at"]
        # The staff list reads newest first by (submitted_at, id) from a cursor on
        # (pagination.keyset_page), within the organisation and optionally one questionnaire
        # or service; the id makes the order total, so a page never repeats or skips a row.
        indexes = [
            models.Index(
                fields=["organisation", "questionnaire", "submitted_at", "id"],
                name="response_org_quest_moment",
            ),
            models.Index(fields=["organisation", "review"]),
            models.Index(fields=["organisation", "submitted_at", "id"], name="response_org_moment"),
            models.Index(
                fields=["organisation", "service", "submitted_at", "id"],
                name="response_org_service_moment",
            ),
        ]
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self) -> str:
        return f"{self.questionnaire} {self.submitted_at:%Y-%m-%d}"


class Answer(models.Model):
    """One answer, typed by question type: numbers in value_number, text in value_text …"""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(
        "framework.VersionItem", on_delete=models.RESTRICT, related_name="answers"
    )
    # The bank question, so analyses can follow one question across versions.
    question = models.ForeignKey(
        "framework.Question", on_delete=models.RESTRICT, related_name="answers"
    )
    value_number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    value_text = models.TextField(blank=True)
    value_date = models.DateField(null=True, blank=True)
    value_choices = models.JSONField(null=True, blank=True)
    not_applicable = models.BooleanField(default=False)

    organisation_path = "response__organisation"
    team_path = "response__team"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item")
        ]
        indexes = [models.Index(fields=["question", "response"])]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.display_value}"

    @property
    def display_value(self) -> str:
        if self.not_applicable:
            return "n.v.t."
        for value in (self.value_number, self.value_date, self.value_choices):
            if value is not None:
                return str(value)
        return self.value_text
