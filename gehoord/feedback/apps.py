from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "gehoord.feedback"
    label = "feedback"
    verbose_name = _("Signals and follow-up")

    def ready(self) -> None:
        from gehoord import audit
        from gehoord.contacts import service as contacts_service
        from gehoord.tenancy.navigation import NavItem, register
        from gehoord.tenancy.roles import Capability

        from . import (  # noqa: F401  (tasks registers the periodic tasks)
            erasure,
            models,
            subject_access,
            tasks,
        )

        # First: it must see the texts and follow-ups before the next two redact them.
        contacts_service.contact_erased.connect(
            erasure.discard_classifier_trained_on_contact, dispatch_uid="feedback.classifier"
        )
        contacts_service.contact_erased.connect(
            erasure.erase_follow_up_contact_details, dispatch_uid="feedback.follow_up_details"
        )
        contacts_service.contact_erased.connect(
            erasure.erase_from_free_text, dispatch_uid="feedback.free_text"
        )
        contacts_service.subject_access_requested.connect(
            subject_access.feedback_sections, dispatch_uid="feedback.subject_access"
        )

        audit.register(models.Signal)
        audit.register(
            models.FollowUp, exclude_fields=["contact_name", "contact_email", "contact_phone"]
        )
        audit.register(models.FeedbackSettings)
        register(NavItem(_("Signals"), "feedback:signal_list", Capability.VIEW_SIGNALS, 400))
        register(
            NavItem(_("Follow-up"), "feedback:followup_list", Capability.HANDLE_FOLLOW_UPS, 410)
        )
        register(NavItem(_("Coding"), "feedback:coding", Capability.CODE_SIGNALS, 420))
