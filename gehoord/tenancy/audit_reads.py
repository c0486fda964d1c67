"""Reads in the audit log: who opened a contact, fetched an export or logged in.

django-auditlog logs changes of registered models by itself; a read changes nothing, so
it is written here, as a LogEntry with action ACCESS, beside the changes in the same log.
Every read entry carries in `additional_data` the organisation (so the audit log screen
scopes it like every other entry), the kind of read and its result.

The entry never holds personal data: the object is named by its type and number only
(`object_repr` is a fixed text, not the object's `__str__`, which for a contact is its
name), and a failed log-in never stores the user name that was typed.
"""

from typing import Any

from auditlog.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from gehoord.client_address import client_address

from .middleware import SESSION_KEY
from .query import memberships_of


class ReadKind(models.TextChoices):
    CONTACT = "contact", _("Contact opened")
    FOLLOW_UP = "follow_up", _("Follow-up with contact details opened")
    SUBJECT_ACCESS_EXPORT = "subject_access_export", _("Subject access export downloaded")
    EXPORT = "export", _("Export downloaded")
    LOGIN = "login", _("Log-in")
    TWO_FACTOR_ENROLMENT = "two_factor_enrolment", _("Two-step verification set up")
    TWO_FACTOR = "two_factor", _("Two-step verification code")
    TWO_FACTOR_RESET = "two_factor_reset", _("Two-step verification reset")


# The kinds the audit log screen counts as logging in, not as opening data.
LOGIN_KINDS = (
    ReadKind.LOGIN,
    ReadKind.TWO_FACTOR_ENROLMENT,
    ReadKind.TWO_FACTOR,
    ReadKind.TWO_FACTOR_RESET,
)


class ReadResult(models.TextChoices):
    SUCCESS = "success", _("success")
    FAILURE = "failure", _("failure")
    REFUSED = "refused", _("refused")


# The fixed, English text stored as the entry's object_repr (the screen shows the
# translated label of the kind instead).
_REPRS = {
    ReadKind.CONTACT: "Contact opened",
    ReadKind.FOLLOW_UP: "Follow-up with contact details opened",
    ReadKind.SUBJECT_ACCESS_EXPORT: "Subject access export downloaded",
    ReadKind.EXPORT: "Export downloaded",
    ReadKind.LOGIN: "Log-in",
    ReadKind.TWO_FACTOR_ENROLMENT: "Two-step verification set up",
    ReadKind.TWO_FACTOR: "Two-step verification code",
    ReadKind.TWO_FACTOR_RESET: "Two-step verification reset",
}


def _actor(request: HttpRequest | None) -> Any:
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def _write(
    *,
    content_type: ContentType,
    object_pk: str,
    kind: ReadKind,
    result: ReadResult,
    actor: Any,
    address: str | None,
    organisation_id: int | None,
    extra: dict[str, str] | None = None,
) -> LogEntry:
    return LogEntry.objects.create(
        content_type=content_type,
        object_pk=object_pk,
        object_id=int(object_pk) if object_pk.isdigit() else None,
        object_repr=_REPRS[kind],
        action=LogEntry.Action.ACCESS,
        # django-auditlog's screens expect every change value to be a string pair.
        changes={key: ["None", value] for key, value in (extra or {}).items()},
        actor=actor,
        remote_addr=address,
        additional_data={
            "organisation_id": organisation_id,
            "kind": kind.value,
            "result": result.value,
        },
    )


def record_read(
    request: HttpRequest | None,
    target: Model,
    kind: ReadKind,
    result: ReadResult = ReadResult.SUCCESS,
    *,
    actor: Any = None,
    extra: dict[str, str] | None = None,
) -> LogEntry:
    """Write one read of `target` (an organisation's object) to the audit log.

    Actor and client address come from the request (the address as
    `gehoord.client_address` trusts it); `actor` stands in when there is no request.
    """
    organisation_id = getattr(target, "organisation_id", None)
    if organisation_id is None:
        organisation_id = getattr(getattr(request, "organisation", None), "pk", None)
    return _write(
        content_type=ContentType.objects.get_for_model(target),
        object_pk=str(target.pk),
        kind=kind,
        result=result,
        actor=_actor(request) or actor,
        address=client_address(request) if request is not None else None,
        organisation_id=organisation_id,
        extra=extra,
    )


def _active_organisation_id(request: HttpRequest | None, user: AbstractBaseUser) -> int | None:
    """The organisation the user works in after this log-in: the session's choice, if
    still a membership, else the first one (as ActiveOrganisationMiddleware decides)."""
    memberships = memberships_of(user)  # type: ignore[arg-type]
    session = getattr(request, "session", None)
    wanted = session.get(SESSION_KEY) if session is not None else None
    active = next((m for m in memberships if m.organisation_id == wanted), None)
    if active is None and memberships:
        active = memberships[0]
    return active.organisation_id if active else None


def record_login(
    request: HttpRequest | None, user: AbstractBaseUser | None, result: ReadResult
) -> LogEntry:
    """One log-in attempt. `user` is the account it was for, or None if no account has
    the typed name; that name itself is never stored."""
    user_model = get_user_model()
    if isinstance(user, AnonymousUser):
        user = None
    return _write(
        content_type=ContentType.objects.get_for_model(user_model),
        object_pk=str(user.pk) if user is not None else "",
        kind=ReadKind.LOGIN,
        result=result,
        actor=user,
        address=client_address(request) if request is not None else None,
        organisation_id=_active_organisation_id(request, user) if user is not None else None,
    )


def user_for_credentials(credentials: dict[str, Any]) -> AbstractBaseUser | None:
    """The account a failed log-in was for, if one exists (in any case, as the backend matches)."""
    user_model = get_user_model()
    name = credentials.get(user_model.USERNAME_FIELD) or credentials.get("username")
    if not isinstance(name, str) or not name:
        return None
    field = f"{user_model.USERNAME_FIELD}__iexact"
    return user_model._default_manager.filter(**{field: name.strip()}).first()


def on_user_logged_in(sender: Any, request: HttpRequest | None, user: Any, **_: Any) -> None:
    record_login(request, user, ReadResult.SUCCESS)


def on_user_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **_: Any
) -> None:
    # gehoord.login_throttle marks a request it refused because of a lock-out; that is
    # no wrong password but a refusal.
    locked = bool(getattr(request, "login_refused", False))
    record_login(
        request,
        user_for_credentials(credentials),
        ReadResult.REFUSED if locked else ReadResult.FAILURE,
    )
