"""An organisation's identity provider for single sign-on (OpenID Connect)."""

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.encrypted_fields import EncryptedTextField
from gehoord.outgoing import OutgoingPolicy
from gehoord.tenancy.roles import STAFF_ROLES, Role
from gehoord.tenancy.scoping import OrganisationOwned

# Single sign-on is for staff: a provider user is tied to a provider by hand.
SSO_ROLES = [(role.value, role.label) for role in Role if role in STAFF_ROLES]


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def parse_role_mapping(text: str) -> list[tuple[str, str]]:
    """`value = role` per line; ValueError names the first line that is not."""
    allowed = {value for value, _label in SSO_ROLES}
    pairs = []
    for line in lines(text):
        value, sep, role = line.rpartition("=")
        value, role = value.strip(), role.strip()
        if not sep or not value or role not in allowed:
            raise ValueError(line)
        pairs.append((value, role))
    return pairs


class OidcProvider(OrganisationOwned):
    """Where the organisation's staff log in with their own work account."""

    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_('Shown on the log-in page as "Log in with …", for example Microsoft Entra.'),
    )
    issuer = models.URLField(
        _("issuer"),
        max_length=500,
        help_text=_(
            "The address of the identity provider (issuer), for example "
            "https://login.microsoftonline.com/…/v2.0. gehoord reads the other addresses "
            "from /.well-known/openid-configuration below it."
        ),
    )
    client_id = models.CharField(_("client id"), max_length=200)
    # Encrypted in the database (GEHOORD_SECRETS_KEY) and never shown again after saving.
    client_secret = EncryptedTextField(_("client secret"))
    authorization_endpoint = models.URLField(_("authorization endpoint"), max_length=500)
    token_endpoint = models.URLField(_("token endpoint"), max_length=500)
    userinfo_endpoint = models.URLField(_("userinfo endpoint"), max_length=500)
    jwks_uri = models.URLField(_("JWKS address"), max_length=500)
    # Optional (RP-initiated logout): log-out in gehoord then also ends the session at the
    # identity provider, so the next person at a shared PC is not logged in at once.
    end_session_endpoint = models.URLField(
        _("log-out address"),
        max_length=500,
        blank=True,
        help_text=_(
            "Optional. Where staff who log out of gehoord are also logged out of the identity "
            "provider (end_session_endpoint). Filled in from the configuration if the "
            "provider has one."
        ),
    )
    allowed_domains = models.TextField(
        _("allowed e-mail domains"),
        help_text=_(
            "Only staff whose e-mail address ends in one of these domains may log in, one "
            "per line, for example gemeente.nl."
        ),
    )
    role_claim = models.CharField(
        _("role claim"),
        max_length=100,
        default="groups",
        help_text=_("The claim of the identity provider that holds the groups or roles."),
    )
    role_mapping = models.TextField(
        _("roles"),
        blank=True,
        help_text=_(
            "One line per group: the value of the claim, an equals sign and the role in "
            "gehoord, for example klantbeleving-beheer = administrator. Roles: "
            "administrator, analyst, team_lead, complaints_officer, interviewer."
        ),
    )
    default_role = models.CharField(
        _("role for everyone else"),
        max_length=30,
        choices=SSO_ROLES,
        blank=True,
        help_text=_("The role of staff with none of the groups above; empty: they cannot log in."),
    )
    allowed_internal_hosts = models.TextField(
        _("allowed internal hosts"),
        blank=True,
        help_text=_(
            "Host names on your own network that gehoord may call, one per line. Other "
            "hosts with an internal address are refused."
        ),
    )
    enabled = models.BooleanField(_("switched on"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation"], name="one_oidc_provider_per_org")
        ]
        verbose_name = _("identity provider")
        verbose_name_plural = _("identity providers")

    def __str__(self) -> str:
        return self.name

    def domains(self) -> list[str]:
        return [domain.lower().lstrip("@") for domain in lines(self.allowed_domains)]

    def allows_email(self, email: str) -> bool:
        domain = email.rpartition("@")[2].lower()
        return bool(domain) and domain in self.domains()

    def role_for(self, claims: dict[str, Any]) -> Role | None:
        """The role the claims give: the first mapped value they hold, else the default."""
        held = claims.get(self.role_claim)
        values = {str(v) for v in held} if isinstance(held, list) else {str(held or "")}
        for value, role in parse_role_mapping(self.role_mapping):
            if value in values:
                return Role(role)
        return Role(self.default_role) if self.default_role else None

    def outgoing_policy(self) -> OutgoingPolicy:
        """The provider's own addresses, and only those, may be called."""
        roots = [self.issuer, self.token_endpoint, self.userinfo_endpoint, self.jwks_uri]
        return OutgoingPolicy.of(roots, lines(self.allowed_internal_hosts))
