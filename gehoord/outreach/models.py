"""Service events, the rules that turn them into invitations, and the invitations."""

import hashlib

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.encrypted_fields import EncryptedTextField
from gehoord.outgoing import OutgoingPolicy
from gehoord.tenancy.scoping import OrganisationOwned


class EventKind(models.TextChoices):
    STARTED = "started", _("Service started")
    COMPLETED = "completed", _("Service completed")
    # Rules of this kind are never triggered by events: they carry a panel invitation.
    PANEL = "panel", _("Panel invitation")


class EventSource(models.TextChoices):
    API = "api", _("REST API")
    CSV = "csv", _("CSV import")
    ZGW = "zgw", _("ZGW notification")
    OPEN_KLANT = "openklant", _("Open Klant klantcontact")
    STAFF = "staff", _("Entered by staff")


class ServiceEvent(OrganisationOwned):
    """'Service S started/completed for contact C on date D' — what triggers invitations."""

    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.CASCADE, related_name="service_events"
    )
    service = models.ForeignKey("catalog.Service", on_delete=models.RESTRICT, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    occurred_on = models.DateField(_("date"))
    provider = models.ForeignKey(
        "catalog.Provider", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    team = models.ForeignKey(
        "catalog.Team", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    source = models.CharField(_("source"), max_length=10, choices=EventSource.choices)
    # The sender's own id; the same event sent twice is stored once.
    external_id = models.CharField(_("external id"), max_length=200, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "source", "external_id"],
                condition=~models.Q(external_id=""),
                name="event_unique_external_id",
            )
        ]
        verbose_name = _("service event")
        verbose_name_plural = _("service events")

    def __str__(self) -> str:
        return f"{self.service} {self.get_kind_display()} {self.occurred_on}"


class Channel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Text message")
    LETTER = "letter", _("Letter")


class InvitationRule(OrganisationOwned):
    """When and how residents are invited after an event of one service."""

    service = models.ForeignKey(
        "catalog.Service",
        on_delete=models.CASCADE,
        related_name="invitation_rules",
        verbose_name=_("service"),
    )
    event_kind = models.CharField(_("after"), max_length=20, choices=EventKind.choices)
    questionnaire = models.ForeignKey(
        "framework.Questionnaire",
        on_delete=models.RESTRICT,
        related_name="invitation_rules",
        verbose_name=_("questionnaire"),
    )
    delay_days = models.PositiveSmallIntegerField(
        _("days after the event"), default=1, validators=[MaxValueValidator(365)]
    )
    send_hour = models.PositiveSmallIntegerField(
        _("send at (hour)"), default=10, validators=[MaxValueValidator(23)]
    )
    # Channels to try in order, e.g. ["email", "sms", "letter"].
    channels = models.JSONField(_("channels in order"), default=list)
    sampling_percentage = models.PositiveSmallIntegerField(
        _("share invited (%)"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    max_per_day = models.PositiveIntegerField(_("at most per day"), null=True, blank=True)
    reminder_after_days = models.PositiveSmallIntegerField(
        _("reminder after (days)"), null=True, blank=True, validators=[MaxValueValidator(60)]
    )
    expires_after_days = models.PositiveSmallIntegerField(
        _("link valid for (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    active = models.BooleanField(_("active"), default=True)

    @property
    def channel_labels(self) -> list[str]:
        """The channels in order as people read them ("E-mail", "Brief"), not their codes."""
        labels = dict(Channel.choices)
        return [str(labels.get(code, code)) for code in self.channels]

    class Meta:
        ordering = ["service__name", "event_kind"]
        verbose_name = _("invitation rule")
        verbose_name_plural = _("invitation rules")

    def __str__(self) -> str:
        return f"{self.service}: {self.get_event_kind_display()} + {self.delay_days}d"


class InvitationStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    SENT = "sent", _("Sent")
    REMINDED = "reminded", _("Reminded")
    RESPONDED = "responded", _("Responded")
    FAILED = "failed", _("Failed")
    OPTED_OUT = "opted_out", _("Opted out")
    EXPIRED = "expired", _("Expired")
    SKIPPED = "skipped", _("Not sent")


class NotInvitedReason(models.TextChoices):
    """Why dispatch did not send an invitation (yet); shown on the contact page."""

    NO_CONSENT = "no_consent", _("No consent for this questionnaire")
    OPTED_OUT = "opted_out", _("Opted out of invitations")
    QUARANTINE = "quarantine", _("Invited recently (quarantine)")
    DAILY_MAXIMUM = "daily_maximum", _("Daily maximum reached, moved to the next day")
    NO_ADDRESS = "no_address", _("No address for the rule's channels")
    QUOTA_REACHED = "quota_reached", _("The sample's response target for this group is reached")


class Invitation(OrganisationOwned):
    """One contact × one questionnaire, created from one event by one rule."""

    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.CASCADE, related_name="invitations"
    )
    # Empty for panel invitations, which no service event caused.
    event = models.ForeignKey(
        ServiceEvent, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations"
    )
    rule = models.ForeignKey(InvitationRule, on_delete=models.CASCADE, related_name="invitations")
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InvitationStatus.choices,
        default=InvitationStatus.SCHEDULED,
    )
    due_at = models.DateTimeField(_("due at"), db_index=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices, blank=True)
    token = models.OneToOneField(
        "surveys.SurveyToken",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitation",
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    not_invited_because = models.CharField(
        _("not invited because"), max_length=20, choices=NotInvitedReason.choices, blank=True
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    # Drawn by a stratified sample: the plan and the stratum (for its quota).
    sample_plan = models.ForeignKey(
        "outreach.SamplePlan",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations",
    )
    stratum = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-due_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "rule"], name="one_invitation_per_event_and_rule"
            ),
            models.UniqueConstraint(
                fields=["rule", "contact"],
                condition=models.Q(event__isnull=True),
                name="one_panel_invitation_per_contact",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["contact", "sent_at"]),
        ]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.rule} → #{self.contact_id} ({self.get_status_display()})"

    @property
    def service(self):
        return self.event.service if self.event_id else self.rule.service


class ImportStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    RUNNING = "running", _("Running")
    DONE = "done", _("Imported")
    REFUSED = "refused", _("Not imported")
    FAILED = "failed", _("Failed")


class EventImport(OrganisationOwned):
    """One uploaded CSV file of events, imported in the background.

    The file is kept in the database (so any worker machine can read it) and removed as
    soon as it is processed: it holds names and addresses.
    """

    file_name = models.CharField(max_length=200)
    content = models.BinaryField(null=True, editable=False)
    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.WAITING
    )
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("event import")
        verbose_name_plural = _("event imports")

    def __str__(self) -> str:
        return self.file_name

    @property
    def percentage(self) -> int:
        return int(100 * self.rows_done / self.rows_total) if self.rows_total else 0


def webhook_token_digest(token: str) -> str:
    """The stored form of a webhook token: its SHA-256 digest, in hex.

    The token is 32 random bytes, so a plain digest cannot be reversed by guessing; no salt,
    so the webhook finds the connection by an indexed lookup of the digest."""
    return hashlib.sha256(token.encode()).hexdigest()


class ZgwConnection(OrganisationOwned):
    """How this organisation's ZGW APIs (Common Ground) reach gehoord and are read back.

    The Notificaties API calls the webhook with `Authorization: Token <token>`; gehoord
    keeps only the token's SHA-256 digest (see webhook_token_digest) and shows the token
    once, when it is made. gehoord then reads the status, zaak and roles with a JWT made
    from client id and secret.
    """

    webhook_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    client_id = models.CharField(_("client id"), max_length=100)
    # Encrypted in the database (GEHOORD_SECRETS_KEY): a dump does not give away the key
    # to the organisation's ZGW APIs.
    secret = EncryptedTextField(_("secret"))
    # Notifications name the URLs to read; only URLs under these roots are read (with the
    # JWT), so a forged notification cannot make gehoord call anything else.
    api_roots = models.TextField(
        _("API roots"),
        blank=True,
        help_text=_(
            "The addresses of your ZGW APIs, one per line, for example "
            "https://zaken.gemeente.nl/zaken/api/v1/ and "
            "https://catalogi.gemeente.nl/catalogi/api/v1/. gehoord reads only addresses "
            "that start with one of these."
        ),
    )
    allowed_internal_hosts = models.TextField(
        _("allowed internal hosts"),
        blank=True,
        help_text=_(
            "Host names on your own network that gehoord may call, one per line, for "
            "example zgw.intern. Other hosts with an internal address are refused."
        ),
    )

    class Meta:
        # One per organisation: the webhook's token tells which organisation is calling.
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], name="one_zgw_connection_per_organisation"
            )
        ]
        verbose_name = _("ZGW connection")
        verbose_name_plural = _("ZGW connections")

    def __str__(self) -> str:
        return f"ZGW {self.client_id}"

    def outgoing_policy(self) -> OutgoingPolicy:
        return OutgoingPolicy.of(
            self.api_roots.splitlines(), self.allowed_internal_hosts.splitlines()
        )


class ZaaktypeMapping(OrganisationOwned):
    """A zaaktype (by its URL in the Catalogi API) stands for one of our services."""

    zaaktype_url = models.URLField(_("zaaktype URL"), max_length=500)
    service = models.ForeignKey(
        "catalog.Service",
        on_delete=models.CASCADE,
        related_name="zaaktypes",
        verbose_name=_("service"),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "zaaktype_url"],
                name="one_service_per_zaaktype",
                violation_error_message=_("This zaaktype is already linked to a service."),
            )
        ]
        verbose_name = _("zaaktype mapping")
        verbose_name_plural = _("zaaktype mappings")

    def __str__(self) -> str:
        return f"{self.zaaktype_url} → {self.service}"


class ZgwNotification(OrganisationOwned):
    """Every notification received, with what became of it (nothing is silently dropped)."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Waiting")
        EVENT = "event", _("Service event recorded")
        IGNORED = "ignored", _("Ignored")
        FAILED = "failed", _("Failed")

    received_at = models.DateTimeField(auto_now_add=True)
    payload = models.JSONField()
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    reason = models.CharField(max_length=300, blank=True)
    event = models.ForeignKey(
        ServiceEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.received_at:%Y-%m-%d %H:%M} {self.get_outcome_display()}"


from .models_openklant import OpenKlantConnection  # noqa: E402,F401  (registered with this app)
from .models_sampling import SamplePlan  # noqa: E402,F401  (registered with this app)
