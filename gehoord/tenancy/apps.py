from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenancyConfig(AppConfig):
    name = "gehoord.tenancy"
    label = "tenancy"
    verbose_name = _("Organisations and roles")

    def ready(self) -> None:
        from gehoord import audit

        from . import models
        from .navigation import NavItem, register
        from .roles import Capability

        audit.register(models.Organisation)
        audit.register(models.Membership)
        register(NavItem(_("Audit log"), "tenancy:audit_log", Capability.VIEW_AUDIT_LOG, 900))
