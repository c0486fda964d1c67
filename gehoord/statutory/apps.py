from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatutoryConfig(AppConfig):
    name = "gehoord.statutory"
    label = "statutory"
    verbose_name = _("Statutory survey")

    def ready(self) -> None:
        from gehoord.tenancy.navigation import NavItem, register
        from gehoord.tenancy.roles import Capability

        register(NavItem(_("Statutory survey"), "statutory:list", Capability.VIEW_INSIGHTS, 175))
