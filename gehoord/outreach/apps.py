from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    name = "gehoord.outreach"
    label = "outreach"
    verbose_name = _("Outreach")

    def ready(self) -> None:
        from gehoord import audit
        from gehoord.contacts.sections import ContactSection
        from gehoord.contacts.sections import register as register_section
        from gehoord.tenancy.navigation import NavItem, register
        from gehoord.tenancy.roles import Capability

        from . import contact_history, models

        audit.register(models.InvitationRule)
        register(NavItem(_("Outreach"), "outreach:overview", Capability.VIEW_OUTREACH, 350))
        register_section(
            ContactSection(
                "outreach.invitations",
                "outreach/includes/contact_invitations.html",
                contact_history.context,
                Capability.VIEW_OUTREACH,
                order=200,
            )
        )
