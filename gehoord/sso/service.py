"""Use cases of single sign-on: discover a provider's addresses (discover), save or remove
an organisation's provider (save_provider, remove_provider), and sign_in_staff: the staff
account and membership an accepted log-in gives."""

import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction

from gehoord.outgoing import OutgoingFailed, OutgoingPolicy, OutgoingRefused, open_url
from gehoord.tenancy import service as tenancy_service
from gehoord.tenancy.roles import Role

from .models import OidcProvider

logger = logging.getLogger(__name__)

WELL_KNOWN = "/.well-known/openid-configuration"
ENDPOINTS = ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri")


class AccountElsewhere(Exception):
    """The e-mail address is that of an account beyond this organisation."""


class DiscoveryFailed(Exception):
    """The issuer's configuration could not be read; the message says why (in English)."""


@dataclass(frozen=True)
class Discovered:
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str


def discover(issuer: str, allowed_internal_hosts: list[str]) -> Discovered:
    """The provider's addresses, read from its /.well-known/openid-configuration."""
    url = issuer.rstrip("/") + WELL_KNOWN
    try:
        body = open_url(url, OutgoingPolicy.of([issuer], allowed_internal_hosts))
        config: Any = json.loads(body)
    except OutgoingRefused as refusal:
        raise DiscoveryFailed(f"refused: {refusal}") from refusal
    except OutgoingFailed as failure:
        raise DiscoveryFailed(failure.reason) from failure
    except ValueError as error:
        raise DiscoveryFailed("the answer is no JSON") from error
    if not isinstance(config, dict):
        raise DiscoveryFailed("the answer is no JSON object")
    if str(config.get("issuer", "")).rstrip("/") != issuer.rstrip("/"):
        raise DiscoveryFailed("the configuration names another issuer")
    missing = [key for key in ENDPOINTS if not isinstance(config.get(key), str)]
    if missing:
        raise DiscoveryFailed(f"the configuration lacks {', '.join(missing)}")
    return Discovered(**{key: config[key] for key in ENDPOINTS})


def save_provider(provider: OidcProvider) -> OidcProvider:
    provider.save()  # save(): the audit log records it (without the secret)
    return provider


def remove_provider(provider: OidcProvider) -> None:
    provider.delete()


def _username_for(email: str) -> str:
    user_model = get_user_model()
    if not user_model._default_manager.filter(username__iexact=email).exists():
        return email
    # Someone else holds the address as user name (with another e-mail address).
    return f"sso-{hashlib.sha256(email.encode()).hexdigest()[:12]}-{email}"[:150]


@transaction.atomic
def sign_in_staff(provider: OidcProvider, email: str, role: Role, claims: dict[str, Any]) -> User:
    """The staff account for `email` (found case-insensitively, or made without password),
    with `role` in the provider's organisation as the identity provider says."""
    user_model = get_user_model()
    email = email.strip()
    users = list(user_model._default_manager.filter(email__iexact=email)[:2])
    if len(users) > 1:
        raise ValueError("two accounts have this e-mail address")
    if users:
        user = users[0]
        if not user.is_active:
            raise ValueError("the account is switched off")
        # An organisation's identity provider speaks for that organisation only: an
        # account that also works elsewhere (or a platform operator's) is not taken over
        # by whoever runs this provider.
        elsewhere = user.memberships.exclude(organisation=provider.organisation).exists()
        if elsewhere or user.is_superuser or user.is_staff:
            raise AccountElsewhere(email)
    else:
        user = user_model._default_manager.create_user(
            username=_username_for(email.lower()), email=email.lower()
        )
        user.set_unusable_password()
    names = {"first_name": claims.get("given_name"), "last_name": claims.get("family_name")}
    for field, value in names.items():
        if isinstance(value, str) and value and not getattr(user, field):
            setattr(user, field, value[:150])
    user.save()
    tenancy_service.add_member(user, provider.organisation, role)
    return user
