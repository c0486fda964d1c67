from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "gehoord.surveys"
    label = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        # Responses are deliberately not registered with the audit log: it would keep a
        # second copy of every answer.
        from gehoord.tenancy.navigation import NavItem, register
        from gehoord.tenancy.roles import Capability

        register(NavItem(_("Responses"), "surveys:response_list", Capability.VIEW_RESPONSES, 250))
        register(
            NavItem(
                _("Possible duplicates"),
                "surveys:review_list",
                Capability.MANAGE_QUESTIONNAIRES,
                260,
            )
        )
        register(
            NavItem(_("Enter answers"), "surveys:entry_start", Capability.ENTER_RESPONSES, 300)
        )
