from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    name = "gehoord.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from gehoord import audit
        from gehoord.tenancy.events import event_emitted
        from gehoord.tenancy.navigation import NavItem, register_admin_tab
        from gehoord.tenancy.roles import Capability

        from . import models, service, subscribed

        # The signing secret is a key: never copied into the audit log.
        audit.register(models.Subscription, exclude_fields=["secret"])
        event_emitted.connect(service.on_event_emitted, dispatch_uid="webhooks")
        for change in (post_save, post_delete):
            change.connect(
                subscribed.refresh_after_commit,
                sender=models.Subscription,
                dispatch_uid=f"webhooks-subscribed-{change is post_save}",
            )
        register_admin_tab(
            NavItem(_("Webhooks"), "webhooks:list", Capability.MANAGE_ORGANISATION, 50)
        )
