"""Secrets of connections (ZGW client secrets, later Open Klant and webhook secrets) are
stored encrypted, so a database dump or backup does not hand out the keys to the
organisation's other systems.

Fernet (from `cryptography`): AES-128-CBC with an HMAC, so a changed ciphertext is
refused rather than decrypted to garbage. The keys come from `GEHOORD_SECRETS_KEY`
(required in production); the first key encrypts and every key decrypts (MultiFernet),
so keys can be rotated: put the new key first, run `gehoord reencrypt`, then drop the old
one. Outside production, without that variable, a key is derived from `SECRET_KEY`.

Stored values start with `fernet:`; a value without it is from before encryption and is
read as it is (the migration that introduced the field encrypts those at once).
"""

import base64
import hashlib
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "fernet:"


@cache
def _keys(secrets_keys: tuple[str, ...], secret_key: str) -> MultiFernet:
    if secrets_keys:
        try:
            return MultiFernet([Fernet(key.strip().encode()) for key in secrets_keys])
        except ValueError as error:
            raise ImproperlyConfigured(
                "GEHOORD_SECRETS_KEY must hold Fernet keys (make one with `gehoord secretskey`)"
            ) from error
    derived = base64.urlsafe_b64encode(
        hashlib.sha256(b"gehoord secrets at rest:" + secret_key.encode()).digest()
    )
    return MultiFernet([Fernet(derived)])


def _fernet() -> MultiFernet:
    return _keys(tuple(settings.GEHOORD_SECRETS_KEY), settings.SECRET_KEY)


def encrypt(plain: str) -> str:
    return PREFIX + _fernet().encrypt(plain.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored
    try:
        return _fernet().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "A stored secret cannot be decrypted with GEHOORD_SECRETS_KEY: was the key "
            "that encrypted it removed?"
        ) from error


def new_key() -> str:
    return Fernet.generate_key().decode()


class EncryptedTextField(models.TextField):
    """A text field whose value is encrypted in the database and plain in Python."""

    def from_db_value(self, value, expression, connection):
        return None if value is None else decrypt(value)

    def to_python(self, value):
        if value is None or not isinstance(value, str):
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(value)


def reencrypt_all() -> int:
    """Encrypt every stored secret again with the first key; the number of values changed."""
    from django.apps import apps

    changed = 0
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        for row in model._base_manager.all():
            # Saving writes each value encrypted with the first key (get_prep_value).
            row.save(update_fields=[f.name for f in fields])
            changed += len(fields)
    return changed
