"""Webhook subscriptions of an organisation and the log of their deliveries."""

from urllib.parse import urlsplit

from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.encrypted_fields import EncryptedTextField
from gehoord.outgoing import OutgoingPolicy
from gehoord.tenancy.scoping import OrganisationOwned

# What the screens call each event type (gehoord/tenancy/events.py lists them).
EVENT_LABELS = {
    "response.received": _("A response was received"),
    "followup.created": _("A follow-up was created"),
    "followup.overdue": _("A follow-up is overdue"),
    "signal.received": _("A signal was received"),
    "signal.deadline_near": _("A signal's deadline is near"),
    "action.status_changed": _("An improvement action changed status"),
    "export.ready": _("An export is ready"),
}


class Subscription(OrganisationOwned):
    """A URL that receives the organisation's events of the chosen types."""

    url = models.URLField(
        _("address"),
        max_length=500,
        help_text=_("gehoord sends each event with a POST request to this address (https)."),
    )
    description = models.CharField(_("description"), max_length=200, blank=True)
    event_types = models.JSONField(_("events"), default=list)
    # Encrypted in the database (GEHOORD_SECRETS_KEY); shown once, when it is made.
    # Set by service.create_subscription, never by a form.
    secret = EncryptedTextField(_("signing secret"), blank=True, editable=False)
    allow_internal_host = models.BooleanField(
        _("allow an internal address"),
        default=False,
        help_text=_(
            "Only for a receiver on your own network: without this, gehoord refuses "
            "addresses that lead to a private or local network."
        ),
    )
    enabled = models.BooleanField(_("switched on"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("webhook subscription")

    def __str__(self) -> str:
        return self.description or self.url

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()

    def policy(self) -> OutgoingPolicy:
        """Calls go to this URL only; to an internal address only if the host is allowed."""
        return OutgoingPolicy.of([self.url], [self.host] if self.allow_internal_host else [])


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a (next) attempt")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Given up")


class Delivery(OrganisationOwned):
    """One event for one subscription: its attempts until it is delivered or given up."""

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.CharField(max_length=100)
    event_type = models.CharField(max_length=60)
    # The CloudEvent as sent (no personal data: see gehoord/tenancy/events.py).
    payload = models.JSONField()
    status = models.CharField(
        max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)
    last_status_code = models.PositiveIntegerField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    # While an attempt runs: another worker leaves the delivery alone until then.
    claimed_until = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    organisation_path = "organisation"

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # At least once, but one log line per event and subscription.
            models.UniqueConstraint(
                fields=["subscription", "event_id"], name="webhooks_one_delivery_per_event"
            )
        ]
