from django import forms
from django.contrib import admin
from django.db import models

from gehoord.tenancy.models import Organisation

from . import zgw_setup
from .forms_zgw import https_by_default
from .models import OpenKlantConnection, ZaaktypeMapping, ZgwConnection, ZgwNotification


class ZgwConnectionForm(forms.ModelForm):
    # `organisation` is not editable on organisation-owned models; the operator picks it here.
    owner = forms.ModelChoiceField(queryset=Organisation.objects.all(), label="Organisation")

    class Meta:
        model = ZgwConnection
        formfield_callback = https_by_default
        fields = ["client_id", "secret", "api_roots", "allowed_internal_hosts"]

    # The secret is never shown again once saved; left empty, the stored one stays.
    secret = forms.CharField(
        label="Secret", widget=forms.PasswordInput(render_value=False), required=False
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["owner"].initial = self.instance.organisation_id
        else:
            self.fields["secret"].required = True

    def clean_secret(self) -> str:
        return self.cleaned_data["secret"] or self.instance.secret


@admin.register(ZgwConnection)
class ZgwConnectionAdmin(admin.ModelAdmin):
    form = ZgwConnectionForm
    list_display = ("organisation", "client_id")
    fields = (
        "owner",
        "client_id",
        "secret",
        "api_roots",
        "allowed_internal_hosts",
    )

    def save_model(self, request, obj, form, change):
        obj.organisation = form.cleaned_data["owner"]
        if not change:
            # A token nobody knows: the organisation's administrator makes the real one on
            # the ZGW screen ("New token"), where it is shown once.
            zgw_setup.give_new_webhook_token(obj)
        super().save_model(request, obj, form, change)


@admin.register(ZaaktypeMapping)
class ZaaktypeMappingAdmin(admin.ModelAdmin):
    """The organisation follows from the chosen service."""

    list_display = ("organisation", "zaaktype_url", "service")
    list_filter = ("organisation",)
    fields = ("zaaktype_url", "service")
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_model(self, request, obj, form, change):
        obj.organisation_id = obj.service.organisation_id
        super().save_model(request, obj, form, change)


@admin.register(ZgwNotification)
class ZgwNotificationAdmin(admin.ModelAdmin):
    list_display = ("received_at", "organisation", "outcome", "reason")
    list_filter = ("outcome", "organisation")
    readonly_fields = ("received_at", "payload", "outcome", "reason", "event")


class OpenKlantConnectionForm(forms.ModelForm):
    owner = forms.ModelChoiceField(queryset=Organisation.objects.all(), label="Organisation")
    # Never shown again once saved; left empty, the stored one stays.
    api_token = forms.CharField(
        label="API token", widget=forms.PasswordInput(render_value=False), required=False
    )

    class Meta:
        model = OpenKlantConnection
        formfield_callback = https_by_default
        fields = ["api_root", "api_token", "allowed_internal_hosts", "service", "actor_uuid"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["owner"].initial = self.instance.organisation_id
        else:
            self.fields["api_token"].required = True

    def clean_api_token(self) -> str:
        return self.cleaned_data["api_token"] or self.instance.api_token

    def clean(self):
        cleaned = super().clean()
        owner, service = cleaned.get("owner"), cleaned.get("service")
        if owner and service and service.organisation_id != owner.pk:
            self.add_error("service", "This service belongs to another organisation.")
        return cleaned


@admin.register(OpenKlantConnection)
class OpenKlantConnectionAdmin(admin.ModelAdmin):
    """Set up by the operator; the webhook token is made here and shown once."""

    form = OpenKlantConnectionForm
    list_display = ("organisation", "api_root", "service")
    fields = ("owner", "api_root", "api_token", "allowed_internal_hosts", "service", "actor_uuid")

    def save_model(self, request, obj, form, change):
        obj.organisation = form.cleaned_data["owner"]
        if not change:
            token = zgw_setup.give_new_webhook_token(obj)
            self.message_user(
                request,
                f"Webhook token for the Open Notificaties abonnement (shown once): {token}",
            )
        super().save_model(request, obj, form, change)
