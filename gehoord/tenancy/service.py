"""Use cases of the tenancy app: organisations (create_organisation, update_settings),
members (invite_member, send_invite, renew_invite, accept_invite, change_role,
remove_member), API keys (create_api_key, key_for, organisation_for_key, revoke), and
erase_from_audit_log and audit_log_section, the audit log's receivers of
`contacts.service.contact_erased` and `contacts.service.subject_access_requested`, and
record_read / record_login: reads and log-ins in the audit log (ReadKind, ReadResult), and
two-step verification (second_factor: SSO_SESSION_KEY marks a single sign-on session as
verified; reset_devices is an administrator's recovery)."""

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest

from .api_keys import create_api_key, key_for, organisation_for_key, revoke  # noqa: F401
from .audit_access import audit_log_section  # noqa: F401
from .audit_erasure import erase_from_audit_log  # noqa: F401
from .audit_reads import ReadKind, ReadResult, record_login, record_read  # noqa: F401
from .members import (  # noqa: F401
    accept_invite,
    change_role,
    invite_link,
    invite_member,
    remove_member,
    renew_invite,
    send_invite,
)
from .middleware import SESSION_KEY
from .models import Membership, Organisation
from .organisations import create_organisation, kind_for  # noqa: F401
from .roles import Role
from .second_factor import SSO_SESSION_KEY, reset_devices  # noqa: F401


def switch_organisation(request: HttpRequest, organisation_id: int) -> Organisation:
    """Make `organisation_id` the active organisation of this session, if the user is a member."""
    if not request.user.is_authenticated:
        raise PermissionDenied
    membership = (
        Membership.objects.filter(user=request.user, organisation_id=organisation_id)
        .select_related("organisation")
        .first()
    )
    if membership is None:
        raise PermissionDenied
    request.session[SESSION_KEY] = membership.organisation_id
    return membership.organisation


@transaction.atomic
def add_member(user: User, organisation: Organisation, role: Role) -> Membership:
    """Give `user` a role in `organisation` (replacing an earlier role there)."""
    membership, _ = Membership.objects.update_or_create(
        user=user, organisation=organisation, defaults={"role": role}
    )
    return membership
