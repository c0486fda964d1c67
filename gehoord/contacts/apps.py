from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactsConfig(AppConfig):
    name = "gehoord.contacts"
    label = "contacts"
    verbose_name = _("Contact register")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from gehoord import audit
        from gehoord.tenancy import service as tenancy_service
        from gehoord.tenancy.navigation import NavItem, register
        from gehoord.tenancy.roles import Capability

        from . import models, name_cache, service

        # Masking keeps the register's names in the cache; every written contact makes them
        # stale (bulk writes do the same in `models.ContactQuerySet`).
        post_save.connect(
            name_cache.contact_saved, sender=models.Contact, dispatch_uid="contacts.names"
        )
        post_delete.connect(
            name_cache.contact_deleted, sender=models.Contact, dispatch_uid="contacts.names"
        )

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
