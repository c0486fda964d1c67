"""Two-step verification of staff: a code from an authenticator app (TOTP) or a backup code.

An organisation requires it (`Organisation.two_factor_required`, on by default) for the
roles that can see personal data or export: contact details, follow-ups, individual
responses and exports. `SecondFactorMiddleware` sends such a member, once logged in with
their password, to set up an app (`start_enrolment`, `confirm_enrolment`) or to type a code
(`verify`) before any other staff page. A passkey or security key (WebAuthn, passkeys.py)
is a device like the app and can stand in for it. A log-in through single sign-on (the session's
`gehoord_sso`) counts as verified: the identity provider asked for the second factor.

django-otp keeps the devices and marks the session verified. Backup codes hang on
django-otp's static device: ten codes, each works once, stored only as salted hashes
(backup_codes.py). An administrator can reset a member's devices
(`reset_devices`); the member then sets up an app again at the next log-in.

Enrolment, every code typed (right, wrong or refused while throttled) and every reset go
into the audit log as entries of the account, with the organisation, kind and result;
never the code, the secret or the user name.
"""

import enum
from base64 import b32encode
from typing import cast

import segno
from django.contrib.auth.models import AbstractBaseUser, User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp import devices_for_user, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from . import backup_codes, passkeys
from .audit_reads import ReadKind, ReadResult, record_read
from .models import Membership
from .roles import Capability, role_has

# The capabilities that open personal data or let it leave the platform.
PERSONAL_DATA_CAPABILITIES = (
    Capability.VIEW_CONTACTS,
    Capability.MANAGE_CONTACTS,
    Capability.HANDLE_FOLLOW_UPS,
    Capability.VIEW_RESPONSES,
    Capability.EXPORT_DATA,
)
# Set by the single sign-on log-in; the identity provider did the second step.
SSO_SESSION_KEY = "gehoord_sso"
APP_DEVICE_NAME = "app"


class Outcome(enum.Enum):
    VERIFIED = "verified"
    WRONG = "wrong"
    THROTTLED = "throttled"


def role_requires(role: str) -> bool:
    """Whether `role` holds a capability for which two-step verification is asked."""
    return any(role_has(role, capability) for capability in PERSONAL_DATA_CAPABILITIES)


def required_for(membership: Membership | None) -> bool:
    """Whether this membership may work only after two-step verification."""
    if membership is None:
        return False
    return membership.organisation.two_factor_required and role_requires(membership.role)


def is_verified(request: HttpRequest) -> bool:
    """Whether this session passed a second step (here, or at the identity provider)."""
    if request.session.get(SSO_SESSION_KEY) is True:
        return True
    verified = getattr(request.user, "is_verified", None)
    return bool(verified and verified())


def has_device(user: AbstractBaseUser) -> bool:
    """Whether `user` has set up an authenticator app or a passkey."""
    return user_has_device(user, confirmed=True)


def has_app(user: AbstractBaseUser) -> bool:
    """Whether `user` has set up an authenticator app."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def start_enrolment(user: AbstractBaseUser) -> TOTPDevice:
    """The app device being set up (a new secret, or the one shown before and not yet
    confirmed, so reloading the page keeps the QR code the member already scanned)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret as typed into an app by hand: base32 in groups of four."""
    secret = b32encode(device.bin_key).decode("ascii")
    return " ".join(secret[index : index + 4] for index in range(0, len(secret), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The app set-up link as an inline SVG QR code."""
    title = _("QR code to set up the app")
    return segno.make(device.config_url, error="m").svg_inline(scale=4, border=2, title=title)


def _user(request: HttpRequest) -> User:
    # Only a logged-in member reaches the two-step pages (LoginRequiredMiddleware).
    return cast(User, request.user)


def _normalised(code: str) -> str:
    return "".join(code.split()).replace("-", "").lower()


def _throttled(devices: list) -> bool:
    return any(not device.verify_is_allowed()[0] for device in devices)


def confirm_enrolment(request: HttpRequest, code: str) -> list[str]:
    """Confirm the app being set up with a code from it, mark this session verified and
    return new backup codes (shown once). Raises ValidationError with a Dutch message."""
    outcome, codes = _confirm(request, code)
    if outcome is Outcome.THROTTLED:
        raise ValidationError(_("Too many wrong codes. Wait a minute and try again."))
    if outcome is Outcome.WRONG:
        raise ValidationError(_("This code is not right. Type the 6 digits the app shows now."))
    if codes is None:
        raise ValidationError(_("Start again: the set-up has expired."))
    return codes


@transaction.atomic
def _confirm(request: HttpRequest, code: str) -> tuple[Outcome, list[str] | None]:
    # Returns instead of raising, so a wrong code's throttling and audit entry are kept.
    user = _user(request)
    device = (
        TOTPDevice.objects.select_for_update()
        .filter(user=user, confirmed=False)
        .order_by("pk")
        .first()
    )
    if device is None:
        return Outcome.VERIFIED, None
    if not device.verify_is_allowed()[0]:
        record_read(request, user, ReadKind.TWO_FACTOR_ENROLMENT, ReadResult.REFUSED)
        return Outcome.THROTTLED, None
    if not device.verify_token(_normalised(code)):
        record_read(request, user, ReadKind.TWO_FACTOR_ENROLMENT, ReadResult.FAILURE)
        return Outcome.WRONG, None
    # One app per account: an older one stops working.
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = backup_codes.new_codes_for(user)
    otp_login(request, device)
    record_read(request, user, ReadKind.TWO_FACTOR_ENROLMENT, ReadResult.SUCCESS)
    return Outcome.VERIFIED, codes


@transaction.atomic
def verify(request: HttpRequest, code: str) -> Outcome:
    """Check a code from the app or a backup code (which is then used up); a right one
    marks this session verified. After wrong codes, a next try waits (1, 2, 4 … seconds)."""
    user = _user(request)
    devices = list(devices_for_user(user, confirmed=True, for_verify=True))
    if _throttled(devices):
        record_read(request, user, ReadKind.TWO_FACTOR, ReadResult.REFUSED)
        return Outcome.THROTTLED
    token = _normalised(code)
    # Digits go to the app, anything else to the backup codes: a typo costs one device.
    wanted = TOTPDevice if token.isdigit() and len(token) == 6 else StaticDevice
    for device in devices:
        if not isinstance(device, wanted):
            continue
        if wanted is TOTPDevice:
            right = device.verify_token(token)
        else:
            right = backup_codes.use(device, token)
        if right:
            otp_login(request, device)
            method = "app" if wanted is TOTPDevice else "backup_code"
            record_read(
                request, user, ReadKind.TWO_FACTOR, ReadResult.SUCCESS, extra={"method": method}
            )
            return Outcome.VERIFIED
    record_read(request, user, ReadKind.TWO_FACTOR, ReadResult.FAILURE)
    return Outcome.WRONG


def backup_codes_left(user: AbstractBaseUser) -> int:
    return backup_codes.count_left(user.pk)


@transaction.atomic
def reset_devices(request: HttpRequest, membership: Membership) -> None:
    """An administrator's recovery for a member who lost their phone or key: the member's
    app, passkeys and backup codes stop working; at the next log-in they set up again."""
    if membership.user_id == request.user.pk:
        raise ValidationError(_("Ask another administrator to reset your own verification."))
    user = membership.user
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    passkeys.remove_passkeys(user)
    record_read(request, user, ReadKind.TWO_FACTOR_RESET, ReadResult.SUCCESS)
