from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TenancyConfig(AppConfig):
    name = "gehoord.tenancy"
    label = "tenancy"
    verbose_name = _("Organisations and roles")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from gehoord import audit

        from . import audit_reads, models
        from .navigation import NavItem, register, register_admin_tab
        from .roles import Capability

        audit.register(models.Organisation)
        audit.register(models.Membership)
        # Never the hashes: the log is read by people, the hashes only by the key check.
        audit.register(models.ApiKey, exclude_fields=["key_hash"])
        audit.register(models.MemberInvite, exclude_fields=["token_hash"])
        # Two-step devices: that one was added, confirmed or removed; never the secret, the
        # codes or the counters each verification changes.
        from django_otp.plugins.otp_static.models import StaticDevice
        from django_otp.plugins.otp_totp.models import TOTPDevice

        audit.register(TOTPDevice, include_fields=["name", "confirmed"])
        audit.register(StaticDevice, include_fields=["name", "confirmed"])
        from django_otp_webauthn.models import WebAuthnCredential

        audit.register(WebAuthnCredential, include_fields=["name", "confirmed"])
        # Every log-in, and every failed one, goes into the audit log.
        user_logged_in.connect(audit_reads.on_user_logged_in, dispatch_uid="tenancy.login")
        user_login_failed.connect(
            audit_reads.on_user_login_failed, dispatch_uid="tenancy.login_failed"
        )
        register(
            NavItem(_("Administration"), "tenancy:member_list", Capability.MANAGE_MEMBERS, 890)
        )
        # The audit log is a tab of the administration, not a menu item of its own.
        for tab in (
            NavItem(_("Members"), "tenancy:member_list", Capability.MANAGE_MEMBERS, 10),
            NavItem(_("Settings"), "tenancy:settings", Capability.MANAGE_ORGANISATION, 20),
            NavItem(_("API keys"), "tenancy:api_keys", Capability.MANAGE_ORGANISATION, 30),
            NavItem(_("Audit log"), "tenancy:audit_log", Capability.VIEW_AUDIT_LOG, 90),
        ):
            register_admin_tab(tab)
