from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "gehoord.sso"
    label = "sso"
    verbose_name = _("Single sign-on")

    def ready(self) -> None:
        from gehoord import audit
        from gehoord.tenancy.navigation import NavItem, register_admin_tab
        from gehoord.tenancy.roles import Capability

        from . import models

        # The client secret is a key: never copied into the audit log.
        audit.register(models.OidcProvider, exclude_fields=["client_secret"])
        register_admin_tab(
            NavItem(_("Single sign-on"), "sso:settings", Capability.MANAGE_ORGANISATION, 45)
        )
