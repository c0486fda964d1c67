"""Log-in through an organisation's OpenID Connect provider (mozilla-django-oidc).

mozilla-django-oidc reads one provider from the settings; here every organisation has its
own, so the backend takes the addresses and keys from the provider chosen at the start of
the log-in (kept in the session). On top of the library it

- checks the ID token's issuer and audience (the library checks only signature, expiry
  and nonce);
- makes every call (token, userinfo, keys) through `gehoord.outgoing.open_url`, so only
  the provider's own addresses are called;
- accepts only e-mail addresses in the provider's allowed domains and staff to whom the
  provider's groups give a role; it makes or updates the account and membership.

A refused log-in returns None, so Django reports it as a failed log-in (the audit log
records it); the reason is left on the request for the message on the log-in page.
"""

import json
import logging
from typing import Any
from urllib.parse import urlencode

import jwt
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from gehoord.outgoing import OutgoingFailed, OutgoingRefused, open_url

from . import query, service
from .models import OidcProvider

logger = logging.getLogger(__name__)

SESSION_PROVIDER = "gehoord_sso_provider"
# Set after a log-in through single sign-on: the identity provider checked the person.
SESSION_FLAG = "gehoord_sso"
SIGN_ALGORITHM = "RS256"


class Refused(Exception):
    """The provider answered, but gehoord does not let this person in; `reason` is a code."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def refusal_of(request: HttpRequest) -> str:
    return getattr(request, "sso_refusal", "failed")


class SsoBackend(OIDCAuthenticationBackend):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Not the library's __init__: it demands one provider in the settings.
        self.UserModel = get_user_model()
        self.provider: OidcProvider | None = None

    def _use(self, provider: OidcProvider) -> None:
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = provider.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = provider.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = provider.jwks_uri
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = SIGN_ALGORITHM
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> Any:
        # Only the call-back passes a nonce; a password log-in is none of this backend's.
        if request is None or "nonce" not in kwargs:
            return None
        provider = query.provider_by_id(request.session.get(SESSION_PROVIDER))
        if provider is None:
            return None
        request.sso_attempted = True  # type: ignore[attr-defined]
        self._use(provider)
        try:
            return super().authenticate(request, **kwargs)
        except Refused as refusal:
            reason = refusal.reason
        except (
            SuspiciousOperation,
            OutgoingRefused,
            OutgoingFailed,
            jwt.PyJWTError,
            ValueError,
            KeyError,
            TypeError,
        ) as error:
            reason = "failed"
            logger.warning("single sign-on of organisation %s failed: %r", provider.pk, error)
        request.sso_refusal = reason  # type: ignore[attr-defined]
        logger.info("single sign-on of organisation %s refused: %s", provider.pk, reason)
        return None

    def _call(self, url: str, **kwargs: Any) -> Any:
        assert self.provider is not None
        return json.loads(open_url(url, self.provider.outgoing_policy(), **kwargs))

    def get_token(self, payload: dict[str, Any]) -> Any:
        return self._call(
            self.OIDC_OP_TOKEN_ENDPOINT,
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
            },
            data=urlencode(payload).encode(),
            method="POST",
        )

    def retrieve_matching_jwk(self, token: str) -> jwt.PyJWK:
        keys = self._call(self.OIDC_OP_JWKS_ENDPOINT).get("keys", [])
        header = jwt.get_unverified_header(token)
        for key in keys:
            if header.get("kid") and key.get("kid") != header["kid"]:
                continue
            if key.get("alg", header.get("alg")) != header.get("alg"):
                continue
            return jwt.PyJWK(key)
        raise SuspiciousOperation("no matching key in the provider's JWKS")

    def verify_token(self, token: str, **kwargs: Any) -> Any:
        payload = super().verify_token(token, **kwargs)
        assert self.provider is not None
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if (
            payload.get("iss") != self.provider.issuer
            or self.provider.client_id not in audiences
            or (len(audiences) > 1 and payload.get("azp") != self.provider.client_id)
        ):
            raise Refused("token")
        return payload

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        info = self._call(
            self.OIDC_OP_USER_ENDPOINT,
            headers={"Authorization": f"Bearer {access_token}", "Accept": "application/json"},
        )
        if not isinstance(info, dict) or info.get("sub") != payload.get("sub"):
            raise Refused("token")
        # The groups may be in the ID token or in the userinfo; the userinfo wins.
        return {**payload, **info}

    def get_or_create_user(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        assert self.provider is not None
        claims = self.get_userinfo(access_token, id_token, payload)
        email = claims.get("email")
        if not isinstance(email, str) or "@" not in email or claims.get("email_verified") is False:
            raise Refused("no_email")
        if not self.provider.allows_email(email):
            raise Refused("domain")
        role = self.provider.role_for(claims)
        if role is None:
            raise Refused("no_role")
        try:
            return service.sign_in_staff(self.provider, email, role, claims)
        except service.AccountElsewhere as elsewhere:
            raise Refused("elsewhere") from elsewhere
