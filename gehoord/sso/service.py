"""Use cases of single sign-on: discover a provider's addresses (discover), save or remove
an organisation's provider (save_provider, remove_provider), sign_in_staff: the staff
account and membership an accepted log-in gives, and provider_logout_url: where a log-out
sends the browser to end the session at the identity provider too."""

import hashlib
import json
import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse

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
    end_session_endpoint: str = ""


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
    end_session = config.get("end_session_endpoint")
    return Discovered(
        **{key: config[key] for key in ENDPOINTS},
        end_session_endpoint=end_session if isinstance(end_session, str) else "",
    )


# Set after a log-in through single sign-on: the provider to log out of, and the ID token
# (mozilla-django-oidc keeps it under this key, OIDC_STORE_ID_TOKEN) to name the session.
SESSION_LOGOUT_PROVIDER = "gehoord_sso_logout_provider"
SESSION_ID_TOKEN = "oidc_id_token"


def remember_for_logout(request: HttpRequest, provider: OidcProvider) -> None:
    request.session[SESSION_LOGOUT_PROVIDER] = provider.pk


def provider_logout_url(request: HttpRequest) -> str | None:
    """RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0): the identity
    provider's end_session_endpoint with the session's ID token and the way back to the
    log-in page, or None (no single sign-on session, or the provider has no such address).
    Read before the session is flushed."""
    provider_id = request.session.get(SESSION_LOGOUT_PROVIDER)
    provider = OidcProvider.objects.filter(pk=provider_id).first() if provider_id else None
    if provider is None or not provider.end_session_endpoint:
        return None
    params = {
        "client_id": provider.client_id,
        "post_logout_redirect_uri": request.build_absolute_uri(reverse("login")),
    }
    id_token = request.session.get(SESSION_ID_TOKEN)
    if isinstance(id_token, str) and id_token:
        params["id_token_hint"] = id_token
    separator = "&" if "?" in provider.end_session_endpoint else "?"
    return provider.end_session_endpoint + separator + urlencode(params)


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
