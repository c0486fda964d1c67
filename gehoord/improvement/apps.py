from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImprovementConfig(AppConfig):
    name = "gehoord.improvement"
    label = "improvement"
    verbose_name = _("Improvement")

    def ready(self) -> None:
        from gehoord import audit
        from gehoord.tenancy.navigation import NavItem, register
        from gehoord.tenancy.roles import Capability

        from . import models

        # Status changes of actions must be traceable (who moved what, when).
        audit.register(
            models.Action, include_fields=["status", "owner", "done_on", "blocked", "title"]
        )
        audit.register(models.PublishedImprovement)
        register(NavItem(_("Improve"), "improvement:action_list", Capability.VIEW_IMPROVEMENT, 500))
