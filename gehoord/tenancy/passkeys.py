"""Passkeys and security keys (WebAuthn) as the second step, next to the authenticator app.

django-otp-webauthn does the ceremonies: its views (subclassed in views_passkeys.py for the
audit log) hand the browser the options and check what the authenticator signed; its
static scripts call `navigator.credentials` from /static/ (no inline script, so the CSP
stays strict). A credential is a django-otp device, so `second_factor.has_device`,
`is_verified` and the middleware treat it like the app. Passkeys are a second step only:
`OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN` is off, the password always comes first.

The relying party is the host the member uses: the browser binds a passkey to it, so a
look-alike site can never ask for it. Which hosts can arrive is decided by ALLOWED_HOSTS
(required in production); the expected origin is that host with the request's scheme
(https behind the proxy, SECURE_PROXY_SSL_HEADER).

Registering a passkey (the first device) gives the member backup codes too, just like the
app; every registration and every use, right or wrong, goes into the audit log as the
TOTP steps do (kind and result, method "passkey"; never a key or a user name).
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

from . import backup_codes
from .audit_reads import ReadKind, ReadResult, record_read

METHOD = "passkey"


def relying_party_id(request: HttpRequest) -> str:
    """The WebAuthn relying party: the host name the member uses (without a port)."""
    host = request.get_host()
    if host.startswith("["):
        return host.split("]")[0] + "]"
    return host.rsplit(":", 1)[0] if ":" in host else host


def expected_origin(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


class PasskeyHelper(WebAuthnHelper):
    """The library's helper with the origin taken from the (allowed) host of the request."""

    def get_allowed_origins(self) -> list[str]:
        return [expected_origin(self.request)]


def has_passkey(user: AbstractBaseUser) -> bool:
    return WebAuthnCredential.objects.filter(user=user, confirmed=True).exists()


def record_registration(request: HttpRequest, user: AbstractBaseUser, ok: bool) -> None:
    result = ReadResult.SUCCESS if ok else ReadResult.FAILURE
    record_read(request, user, ReadKind.TWO_FACTOR_ENROLMENT, result, extra={"method": METHOD})


def record_use(request: HttpRequest, user: AbstractBaseUser, ok: bool) -> None:
    result = ReadResult.SUCCESS if ok else ReadResult.FAILURE
    record_read(request, user, ReadKind.TWO_FACTOR, result, extra={"method": METHOD})


@transaction.atomic
def finish_enrolment(request: HttpRequest, user: AbstractBaseUser) -> list[str] | None:
    """After the first passkey: new backup codes (shown once) and the app set-up that was
    started but not finished removed. None if there is no passkey or the member already
    has backup codes (reloading the page never makes new ones)."""
    if not has_passkey(user) or StaticDevice.objects.filter(user=user).exists():
        return None
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return backup_codes.new_codes_for(user)


def remove_passkeys(user: AbstractBaseUser) -> None:
    """Part of an administrator's reset (second_factor.reset_devices)."""
    WebAuthnCredential.objects.filter(user=user).delete()
