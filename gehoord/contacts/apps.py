from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "gehoord.contacts"
    label = "contacts"
    verbose_name = _("Contact register")

    def ready(self) -> None:
        from gehoord import audit
        from gehoord.tenancy import service as tenancy_service
        from gehoord.tenancy.navigation import NavItem, register
        from gehoord.tenancy.roles import Capability

        from . import models, service

        # The audit log (tenancy's) stands below this app and cannot import the signal, so
        # its receiver is connected here; apps above connect their own.
        service.contact_erased.connect(
            tenancy_service.erase_from_audit_log, dispatch_uid="tenancy.audit_log"
        )
        service.subject_access_requested.connect(
            tenancy_service.audit_log_section, dispatch_uid="tenancy.subject_access"
        )

        # Identity fields are left out of the audit log, which must not become a second
        # copy of identity data (and would survive an erasure).
        audit.register(models.Contact, exclude_fields=list(models.IDENTITY_FIELDS))
        audit.register(models.Consent)
        register(NavItem(_("Contacts"), "contacts:contact_list", Capability.VIEW_CONTACTS, 400))
