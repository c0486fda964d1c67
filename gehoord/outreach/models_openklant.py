"""The organisation's Open Klant (Klantinteracties API): klantcontacten in, interne taken out."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.encrypted_fields import EncryptedTextField
from gehoord.outgoing import OutgoingPolicy
from gehoord.tenancy.scoping import OrganisationOwned


class OpenKlantConnection(OrganisationOwned):
    """How Open Notificaties tells gehoord about klantcontacten, and how gehoord reads them.

    Like the ZGW connection: the notification webhook is called with `Authorization: Token
    <token>` (only its SHA-256 digest is kept); gehoord reads the klantcontact, its
    betrokkenen and their digitale adressen from the Klantinteracties API with the API
    token Open Klant gave it (`Authorization: Token …`, encrypted in the database), and
    only under the API root (gehoord.outgoing).
    """

    webhook_token_hash = models.CharField(max_length=64, unique=True, editable=False)
    api_root = models.URLField(
        _("API root"),
        max_length=300,
        help_text=_(
            "The address of the Klantinteracties API, for example "
            "https://openklant.gemeente.nl/klantinteracties/api/v1/. gehoord reads only "
            "addresses that start with it."
        ),
    )
    # Encrypted in the database (GEHOORD_SECRETS_KEY), like the ZGW secret.
    api_token = EncryptedTextField(_("API token"))
    allowed_internal_hosts = models.TextField(
        _("allowed internal hosts"),
        blank=True,
        help_text=_(
            "Host names on your own network that gehoord may call, one per line, for "
            "example openklant.intern. Other hosts with an internal address are refused."
        ),
    )
    service = models.ForeignKey(
        "catalog.Service",
        on_delete=models.RESTRICT,
        related_name="+",
        verbose_name=_("service"),
        help_text=_("A klantcontact becomes a service event of this service (e.g. KCC)."),
    )
    actor_uuid = models.CharField(
        _("actor for interne taken"),
        max_length=36,
        blank=True,
        help_text=_("The uuid of the Open Klant actor that gets the call-back tasks."),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"], name="one_open_klant_connection_per_organisation"
            )
        ]
        verbose_name = _("Open Klant connection")
        verbose_name_plural = _("Open Klant connections")

    def __str__(self) -> str:
        return f"Open Klant {self.api_root}"

    def outgoing_policy(self) -> OutgoingPolicy:
        return OutgoingPolicy.of([self.api_root], self.allowed_internal_hosts.splitlines())
