from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FrameworkConfig(AppConfig):
    name = "gehoord.framework"
    label = "framework"
    verbose_name = _("Measurement framework")

    def ready(self) -> None:
        from gehoord import audit
        from gehoord.tenancy.navigation import NavItem, register
        from gehoord.tenancy.roles import Capability

        from . import models

        for model in (
            models.Indicator,
            models.Driver,
            models.Question,
            models.Questionnaire,
            models.QuestionnaireVersion,
            models.VersionItem,
        ):
            audit.register(model)
        register(
            NavItem(
                _("Questionnaires"),
                "framework:questionnaire_list",
                Capability.VIEW_QUESTIONNAIRES,
                200,
            )
        )
