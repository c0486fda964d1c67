"""Roles a member can have in an organisation, and what each role may do.

Permissions are expressed as capabilities, so views ask "may this member manage the
catalogue?" instead of listing roles; adding a role then touches only this module.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    ANALYST = "analyst", _("Analyst")
    TEAM_LEAD = "team_lead", _("Team lead")
    COMPLAINTS_OFFICER = "complaints_officer", _("Complaints officer")
    INTERVIEWER = "interviewer", _("Interviewer")
    PROVIDER_USER = "provider_user", _("Provider user")


class Capability(models.TextChoices):
    VIEW_CATALOG = "view_catalog", _("View the catalogue")
    MANAGE_CATALOG = "manage_catalog", _("Manage the catalogue")
    MANAGE_MEMBERS = "manage_members", _("Manage members")
    MANAGE_ORGANISATION = (
        "manage_organisation",
        _("Change the organisation's settings, API keys and connections"),
    )
    VIEW_AUDIT_LOG = "view_audit_log", _("View the audit log")
    VIEW_QUESTIONNAIRES = "view_questionnaires", _("View questionnaires")
    MANAGE_QUESTIONNAIRES = "manage_questionnaires", _("Build and publish questionnaires")
    ENTER_RESPONSES = "enter_responses", _("Enter answers from phone or paper")
    VIEW_RESPONSES = "view_responses", _("View individual responses")
    VIEW_CONTACTS = "view_contacts", _("View the contact register")
    MANAGE_CONTACTS = "manage_contacts", _("Change and erase contacts")
    VIEW_OUTREACH = "view_outreach", _("View invitations and response rates")
    MANAGE_OUTREACH = "manage_outreach", _("Manage invitation rules")
    VIEW_INSIGHTS = "view_insights", _("View results and dashboards")
    EXPORT_DATA = "export_data", _("Export responses and figures")
    VIEW_SIGNALS = "view_signals", _("View complaints and other signals")
    MANAGE_SIGNALS = "manage_signals", _("Register and decide complaints and other signals")
    CODE_SIGNALS = "code_signals", _("Code signals and open answers by theme")
    HANDLE_FOLLOW_UPS = "handle_follow_ups", _("Follow up critical remarks and call-backs")
    MANAGE_FEEDBACK_SETTINGS = "manage_feedback_settings", _("Change deadlines and themes")
    MANAGE_PUBLICATION = "manage_publication", _("Choose what is published on the public site")
    VIEW_CONTRACT_REPORT = "view_contract_report", _("View the contract report on providers")
    VIEW_PROVIDER_PORTAL = "view_provider_portal", _("View the own provider's results")
    RECEIVE_DIGEST = "receive_digest", _("Receive the monthly digest")
    VIEW_IMPROVEMENT = "view_improvement", _("View improvement actions and the board")
    MANAGE_IMPROVEMENT = "manage_improvement", _("Manage improvement actions and goals")
    PUBLISH_IMPROVEMENTS = "publish_improvements", _("Publish improvements for residents")


STAFF_ROLES = frozenset(Role) - {Role.PROVIDER_USER}

CAPABILITIES: dict[Capability, frozenset[Role]] = {
    Capability.VIEW_CATALOG: STAFF_ROLES,
    Capability.MANAGE_CATALOG: frozenset({Role.ADMINISTRATOR}),
    Capability.MANAGE_MEMBERS: frozenset({Role.ADMINISTRATOR}),
    Capability.MANAGE_ORGANISATION: frozenset({Role.ADMINISTRATOR}),
    Capability.VIEW_AUDIT_LOG: frozenset({Role.ADMINISTRATOR}),
    Capability.VIEW_QUESTIONNAIRES: STAFF_ROLES,
    Capability.MANAGE_QUESTIONNAIRES: frozenset({Role.ADMINISTRATOR, Role.ANALYST}),
    Capability.ENTER_RESPONSES: frozenset({Role.ADMINISTRATOR, Role.INTERVIEWER}),
    Capability.VIEW_RESPONSES: frozenset({Role.ADMINISTRATOR, Role.ANALYST, Role.TEAM_LEAD}),
    # Identity is seen only by those who must contact residents.
    Capability.VIEW_CONTACTS: frozenset(
        {Role.ADMINISTRATOR, Role.COMPLAINTS_OFFICER, Role.TEAM_LEAD}
    ),
    Capability.MANAGE_CONTACTS: frozenset({Role.ADMINISTRATOR}),
    Capability.VIEW_OUTREACH: frozenset({Role.ADMINISTRATOR, Role.ANALYST, Role.TEAM_LEAD}),
    Capability.MANAGE_OUTREACH: frozenset({Role.ADMINISTRATOR, Role.ANALYST}),
    Capability.VIEW_INSIGHTS: frozenset(
        {Role.ADMINISTRATOR, Role.ANALYST, Role.TEAM_LEAD, Role.COMPLAINTS_OFFICER}
    ),
    Capability.EXPORT_DATA: frozenset({Role.ADMINISTRATOR, Role.ANALYST}),
    Capability.VIEW_SIGNALS: STAFF_ROLES - {Role.INTERVIEWER},
    Capability.MANAGE_SIGNALS: frozenset({Role.ADMINISTRATOR, Role.COMPLAINTS_OFFICER}),
    Capability.CODE_SIGNALS: frozenset({Role.ADMINISTRATOR, Role.ANALYST, Role.COMPLAINTS_OFFICER}),
    # Follow-ups may hold contact details: the same people who may see identity.
    Capability.HANDLE_FOLLOW_UPS: frozenset(
        {Role.ADMINISTRATOR, Role.COMPLAINTS_OFFICER, Role.TEAM_LEAD}
    ),
    Capability.MANAGE_FEEDBACK_SETTINGS: frozenset({Role.ADMINISTRATOR}),
    Capability.MANAGE_PUBLICATION: frozenset({Role.ADMINISTRATOR, Role.ANALYST}),
    # Contract managers weigh results in allocation; they hold the administrator or analyst role.
    Capability.VIEW_CONTRACT_REPORT: frozenset({Role.ADMINISTRATOR, Role.ANALYST}),
    # Only provider users: staff read the same figures on the results screens.
    Capability.VIEW_PROVIDER_PORTAL: frozenset({Role.PROVIDER_USER}),
    # The digest carries quotes; only staff who may read results receive it.
    Capability.RECEIVE_DIGEST: frozenset(
        {Role.ADMINISTRATOR, Role.ANALYST, Role.TEAM_LEAD, Role.COMPLAINTS_OFFICER}
    ),
    Capability.VIEW_IMPROVEMENT: STAFF_ROLES,
    Capability.MANAGE_IMPROVEMENT: frozenset({Role.ADMINISTRATOR, Role.ANALYST, Role.TEAM_LEAD}),
    Capability.PUBLISH_IMPROVEMENTS: frozenset({Role.ADMINISTRATOR, Role.ANALYST}),
}


def role_has(role: str, capability: Capability) -> bool:
    """Whether a member with `role` holds `capability`."""
    return role in CAPABILITIES[capability]
