from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "gehoord.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from gehoord import audit
        from gehoord.tenancy.events import event_emitted
        from gehoord.tenancy.navigation import NavItem, register_admin_tab
        from gehoord.tenancy.roles import Capability

        from . import models, service

        # The signing secret is a key: never copied into the audit log.
        audit.register(models.Subscription, exclude_fields=["secret"])
        event_emitted.connect(service.on_event_emitted, dispatch_uid="webhooks")
        register_admin_tab(
            NavItem(_("Webhooks"), "webhooks:list", Capability.MANAGE_ORGANISATION, 50)
        )
