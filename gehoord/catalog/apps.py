from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "gehoord.catalog"
    label = "catalog"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from gehoord import audit
        from gehoord.tenancy.navigation import NavItem, register
        from gehoord.tenancy.roles import Capability

        from . import models

        audit.register(models.Service)
        audit.register(models.Provider, m2m_fields={"services"})
        audit.register(models.Team)
        audit.register(models.Journey)
        audit.register(models.Stage)
        register(NavItem(_("Catalogue"), "catalog:service_list", Capability.VIEW_CATALOG, 100))
