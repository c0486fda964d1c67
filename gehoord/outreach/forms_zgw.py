"""Forms of the ZGW connection screens."""

from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy.scoping import OrganisationScopedForm

from .models import ZaaktypeMapping, ZgwConnection


def https_by_default(field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Model form fields, with https for an address typed without a scheme."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class ZgwConnectionForm(OrganisationScopedForm):
    # Never shown again once saved; left empty on a change, the old secret stays.
    secret = forms.CharField(
        label=_("secret"),
        max_length=200,
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_(
            "The secret that belongs to the client id. Leave empty to keep the current one."
        ),
    )

    class Meta:
        model = ZgwConnection
        formfield_callback = https_by_default
        fields = ["api_roots", "allowed_internal_hosts", "client_id", "secret"]
        help_texts = {
            "client_id": _(
                "The name gehoord uses at your ZGW APIs, as set up in the Autorisaties API."
            ),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.old_secret = self.instance.secret if self.instance.pk else ""

    def clean_api_roots(self) -> str:
        """One address per line, each a full http(s) address; the first is the Zaken API."""
        roots = [line.strip() for line in self.cleaned_data["api_roots"].splitlines()]
        roots = [root for root in roots if root]
        if not roots:
            raise forms.ValidationError(_("Fill in at least the address of the Zaken API."))
        validate = URLValidator(schemes=["http", "https"])
        for root in roots:
            try:
                validate(root)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("%(root)s is not a full web address (https://…).") % {"root": root}
                ) from None
        return "\n".join(roots)

    def clean_secret(self) -> str:
        secret = self.cleaned_data["secret"]
        if not secret and not self.old_secret:
            raise forms.ValidationError(_("Fill in the secret."))
        return secret or self.old_secret


class ZaaktypeMappingForm(OrganisationScopedForm):
    zaaktype_url = forms.URLField(
        label=_("zaaktype URL"),
        max_length=500,
        assume_scheme="https",
        help_text=_(
            "The address of the zaaktype in the Catalogi API. When a zaak of this type "
            "is closed, gehoord records a service event for the service below."
        ),
    )

    class Meta:
        model = ZaaktypeMapping
        formfield_callback = https_by_default
        fields = ["zaaktype_url", "service"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        service = self.fields["service"]
        service.queryset = service.queryset.filter(archived_at__isnull=True)  # type: ignore[attr-defined]
