from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogConfig(AppConfig):
    name = "gehoord.catalog"
    label = "catalog"
    verbose_name = _("Catalogue")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from gehoord.navigation import NavItem, register
        from gehoord.tenancy.roles import Capability

        from . import models

        auditlog.register(models.Service)
        auditlog.register(models.Provider, m2m_fields={"services"})
        auditlog.register(models.Team)
        auditlog.register(models.Journey)
        auditlog.register(models.Stage)
        register(NavItem(_("Catalogue"), "catalog:service_list", Capability.VIEW_CATALOG, 100))
