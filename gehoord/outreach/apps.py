from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "gehoord.outreach"
    label = "outreach"
    verbose_name = _("Outreach")

    def ready(self) -> None:
        from gehoord import audit
        from gehoord.contacts import service as contacts_service
        from gehoord.contacts.sections import ContactSection
        from gehoord.contacts.sections import register as register_section
        from gehoord.tenancy.navigation import NavItem, register, register_admin_tab
        from gehoord.tenancy.roles import Capability

        from . import contact_history, models, retention, subject_access

        audit.register(models.InvitationRule)
        contacts_service.contact_erased.connect(
            retention.erase_outreach_records, dispatch_uid="outreach.contact_records"
        )
        contacts_service.subject_access_requested.connect(
            subject_access.outreach_sections, dispatch_uid="outreach.subject_access"
        )
        # The secret and the webhook token are keys: never copied into the audit log.
        audit.register(models.ZgwConnection, exclude_fields=["secret", "webhook_token_hash"])
        audit.register(models.ZaaktypeMapping)
        audit.register(
            models.OpenKlantConnection, exclude_fields=["api_token", "webhook_token_hash"]
        )
        register(NavItem(_("Outreach"), "outreach:overview", Capability.VIEW_OUTREACH, 350))
        register_admin_tab(
            NavItem(_("ZGW connection"), "outreach:zgw", Capability.MANAGE_ORGANISATION, 40)
        )
        register_admin_tab(
            NavItem(_("Open Klant"), "outreach:openklant", Capability.MANAGE_ORGANISATION, 41)
        )
        register_section(
            ContactSection(
                "outreach.invitations",
                "outreach/includes/contact_invitations.html",
                contact_history.context,
                Capability.VIEW_OUTREACH,
                order=200,
            )
        )
