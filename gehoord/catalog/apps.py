from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "gehoord.catalog"
    label = "catalog"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from gehoord import audit
        from gehoord.tenancy.navigation import MemberLink, NavItem, register, register_member_link
        from gehoord.tenancy.roles import Capability, Role

        from . import models

        audit.register(models.Service)
        audit.register(models.Provider, m2m_fields={"services"})
        audit.register(models.Team)
        audit.register(models.Journey)
        audit.register(models.Stage)
        audit.register(models.ProviderAccess)
        register(NavItem(_("Catalogue"), "catalog:service_list", Capability.VIEW_CATALOG, 100))
        register_member_link(
            MemberLink(_("Choose the provider"), "catalog:provider_access", Role.PROVIDER_USER)
        )
