from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin

from .models import Membership, Organisation


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "inhabitants", "size_class", "minimum_n")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ("user", "organisation", "role")
    list_filter = ("organisation", "role")


class ReadOnlyLogEntryAdmin(LogEntryAdmin):
    """The audit log in the Django admin, for reading only, even for a superuser.

    django-auditlog's own admin allows a delete when it comes from deleting a related
    object; the audit log is proof, so no entry is ever deleted or changed through it.
    """

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# django-auditlog registers its admin first (it stands before tenancy in INSTALLED_APPS).
if admin.site.is_registered(LogEntry):
    admin.site.unregister(LogEntry)
admin.site.register(LogEntry, ReadOnlyLogEntryAdmin)
