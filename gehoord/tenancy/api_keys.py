"""API keys per organisation, for systems that send events (stored only as a hash).

A key holds scopes: each part of the API asks for one, so a case system that only posts
service events cannot read figures with its key.
"""

import hashlib
import hmac
import secrets
from collections.abc import Iterable

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .querysets import OrganisationScopedQuerySet

PREFIX_LENGTH = 8


class ApiScope(models.TextChoices):
    EVENTS = "events", _("Send service events")
    SIGNALS = "signals", _("Send and read complaints and other signals")
    FIGURES = "figures", _("Read figures")
    QUESTIONNAIRES = "questionnaires", _("Read questionnaires")
    RESPONSES = "responses", _("Read pseudonymous responses")
    ACTIONS = "actions", _("Read improvement actions")


def all_scopes() -> list[str]:
    # Keys made before scopes existed could do everything; they keep that.
    return [scope.value for scope in ApiScope]


class ApiKey(models.Model):
    organisation = models.ForeignKey(
        "tenancy.Organisation", on_delete=models.CASCADE, related_name="api_keys"
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Which system uses this key, e.g. the case system.")
    )
    prefix = models.CharField(max_length=PREFIX_LENGTH, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)
    scopes = models.JSONField(_("what this key may do"), default=all_scopes)

    organisation_path = "organisation"
    objects = OrganisationScopedQuerySet.as_manager()

    class Meta:
        app_label = "tenancy"
        ordering = ["-created_at"]
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    def get_additional_data(self) -> dict:
        return {"organisation_id": self.organisation_id}

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def scope_labels(self) -> list[str]:
        labels = dict(ApiScope.choices)
        return [str(labels.get(scope, scope)) for scope in self.scopes]


def _hash(secret: str) -> str:
    # The secret is 32 random bytes, so a fast hash is enough (no password stretching).
    return hashlib.sha256(secret.encode()).hexdigest()


def create_api_key(
    organisation, name: str, scopes: Iterable[str] | None = None
) -> tuple[ApiKey, str]:
    """A new key; the plain key is returned once and never stored (all scopes unless
    `scopes` is given)."""
    chosen = all_scopes() if scopes is None else [s for s in all_scopes() if s in set(scopes)]
    if not chosen:
        raise ValueError("an API key needs at least one scope")
    while True:
        prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        if not ApiKey.objects.filter(prefix=prefix).exists():
            break
    secret = f"{prefix}.{secrets.token_urlsafe(32)}"
    key = ApiKey.objects.create(
        organisation=organisation,
        name=name,
        prefix=prefix,
        key_hash=_hash(secret),
        scopes=chosen,
    )
    return key, secret


def key_for(secret: str) -> ApiKey | None:
    """The valid, unrevoked key `secret` stands for (its last use noted), or None."""
    prefix = secret.split(".", 1)[0][:PREFIX_LENGTH]
    key = (
        ApiKey.objects.select_related("organisation")
        .filter(prefix=prefix, revoked_at__isnull=True)
        .first()
    )
    if key is None or not hmac.compare_digest(key.key_hash, _hash(secret)):
        return None
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())
    return key


def organisation_for_key(secret: str):
    """The organisation a valid, unrevoked key belongs to, or None."""
    key = key_for(secret)
    return key.organisation if key else None


def revoke(key: ApiKey) -> None:
    """Stop a key from working at once; the row stays, so the audit log can name it."""
    if key.revoked_at is None:
        key.revoked_at = timezone.now()
        # save(), not update(): the audit log records who revoked the key.
        key.save(update_fields=["revoked_at"])
