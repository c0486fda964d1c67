from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ThemingConfig(AppConfig):
    name = "gehoord.theming"
    label = "theming"
    verbose_name = _("Theme")

    def ready(self) -> None:
        from gehoord import audit
        from gehoord.tenancy.navigation import NavItem, register_admin_tab
        from gehoord.tenancy.roles import Capability

        from .models import OrganisationTheme

        # The pictures are bytes: the audit log records that they changed, not their content.
        audit.register(OrganisationTheme, exclude_fields=["logo", "favicon"])
        register_admin_tab(
            NavItem(_("Theme"), "theming:settings", Capability.MANAGE_ORGANISATION, 25)
        )
