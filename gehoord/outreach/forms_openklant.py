"""The form of the Open Klant connection screen."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy.scoping import OrganisationScopedForm

from .forms_zgw import https_by_default
from .models import OpenKlantConnection


class OpenKlantConnectionForm(OrganisationScopedForm):
    # Never shown again once saved; left empty on a change, the old token stays.
    api_token = forms.CharField(
        label=_("API token"),
        max_length=200,
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_(
            "The token Open Klant gave gehoord for the Klantinteracties API. Leave empty to "
            "keep the current one."
        ),
    )

    class Meta:
        model = OpenKlantConnection
        formfield_callback = https_by_default
        fields = ["api_root", "api_token", "allowed_internal_hosts", "service", "actor_uuid"]
        widgets = {"allowed_internal_hosts": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.old_token = self.instance.api_token if self.instance.pk else ""
        service = self.fields["service"]
        service.queryset = service.queryset.filter(archived_at__isnull=True)  # type: ignore[attr-defined]

    def clean_api_token(self) -> str:
        token = self.cleaned_data["api_token"]
        if not token and not self.old_token:
            raise forms.ValidationError(_("Fill in the API token."))
        return token or self.old_token

    def clean_actor_uuid(self) -> str:
        value = self.cleaned_data["actor_uuid"].strip()
        if not value:
            return ""
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise forms.ValidationError(
                _("This is not a uuid (for example 3fa85f64-5717-4562-b3fc-2c963f66afa6).")
            ) from None
