from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "gehoord.insights"
    label = "insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        from gehoord.tenancy.navigation import NavItem, register, register_admin_tab
        from gehoord.tenancy.roles import Capability

        register(NavItem(_("Results"), "insights:overview", Capability.VIEW_INSIGHTS, 150))
        # A tab of the administration (beside the audit log), not a menu item of its own.
        register_admin_tab(
            NavItem(_("Retention periods"), "insights:retention", Capability.VIEW_AUDIT_LOG, 80)
        )
