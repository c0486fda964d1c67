"""Backup codes, stored as salted hashes only (second_factor.py uses them).

The codes belong to the account's django-otp static device (`StaticDevice`), which keeps
the throttling after wrong codes and the time of last use; the codes themselves are rows
here with a PBKDF2 hash and its own salt, never the code. A code is shown once, when it
is made, and works once. django-otp's own `StaticToken` table (codes in clear text) stays
empty: migration 0007 hashed the codes made before.

A code has 40 random bits; the hash's iterations make guessing them from a copy of the
database slow, while checking the ten codes of one account stays quick.
"""

from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import models
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

ITERATIONS = 20_000
COUNT = 10
DEVICE_NAME = "backup"
_HASHER = PBKDF2PasswordHasher()


def hash_code(code: str) -> str:
    """The stored form of `code` (normalised: lower case, no spaces)."""
    return _HASHER.encode(code, _HASHER.salt(), iterations=ITERATIONS)


def matches(code: str, encoded: str) -> bool:
    """Whether `code` is the one stored as `encoded` (compared in constant time)."""
    return _HASHER.verify(code, encoded)


class BackupCode(models.Model):
    device = models.ForeignKey(StaticDevice, on_delete=models.CASCADE, related_name="codes")
    code_hash = models.CharField(max_length=128, editable=False)

    class Meta:
        app_label = "tenancy"

    def __str__(self) -> str:
        return f"backup code {self.pk}"  # never the hash


def replace_codes(device: StaticDevice, count: int) -> list[str]:
    """New codes for `device` (older ones stop working); returns them in clear text."""
    codes = [StaticToken.random_token() for _index in range(count)]
    BackupCode.objects.filter(device=device).delete()
    BackupCode.objects.bulk_create(BackupCode(device=device, code_hash=hash_code(c)) for c in codes)
    return codes


def new_codes_for(user) -> list[str]:
    """A fresh set of COUNT codes for `user` (set-up of the app or a first passkey)."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
    return replace_codes(device, COUNT)


def use(device: StaticDevice, code: str) -> bool:
    """Whether `code` is one of `device`'s codes; a right one is used up. Follows
    django-otp's throttling: refused while throttled, a wrong code makes the next wait."""
    if not device.verify_is_allowed()[0]:
        return False
    for backup in BackupCode.objects.select_for_update().filter(device=device).order_by("pk"):
        if matches(code, backup.code_hash):
            backup.delete()
            device.throttle_reset(commit=False)
            device.set_last_used_timestamp(commit=False)
            device.save()
            return True
    device.throttle_increment()
    return False


def count_left(user_id: int) -> int:
    return BackupCode.objects.filter(device__user_id=user_id).count()
