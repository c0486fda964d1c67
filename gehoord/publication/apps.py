from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "gehoord.publication"
    label = "publication"
    verbose_name = _("Publication")

    def ready(self) -> None:
        from gehoord import audit
        from gehoord.tenancy.navigation import NavItem, register

        from .models import AccessibilityStatement

        audit.register(AccessibilityStatement)
        from gehoord.tenancy.roles import Capability

        register(
            NavItem(_("My results"), "publication:portal", Capability.VIEW_PROVIDER_PORTAL, 140)
        )
        register(
            NavItem(
                _("Contract report"),
                "publication:contract_report",
                Capability.VIEW_CONTRACT_REPORT,
                160,
            )
        )
        register(
            NavItem(_("Publication"), "publication:settings", Capability.MANAGE_PUBLICATION, 170)
        )
        register(NavItem(_("Digest"), "publication:digest", Capability.RECEIVE_DIGEST, 180))
