"""The form of the single sign-on screen."""

from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy.scoping import OrganisationScopedForm

from . import service
from .models import OidcProvider, lines, parse_role_mapping


def https_by_default(field: models.Field, **kwargs: Any) -> forms.Field | None:
    """Model form fields, with https for an address typed without a scheme."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


ENDPOINT_HELP = _("Empty: read from the issuer's /.well-known/openid-configuration.")


class OidcProviderForm(OrganisationScopedForm):
    # Never shown again once saved; left empty on a change, the old secret stays.
    client_secret = forms.CharField(
        label=_("client secret"),
        max_length=500,
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_(
            "The secret that belongs to the client id. Leave empty to keep the current one."
        ),
    )

    class Meta:
        model = OidcProvider
        formfield_callback = https_by_default
        fields = [
            "name",
            "issuer",
            "client_id",
            "client_secret",
            "allowed_domains",
            "role_claim",
            "role_mapping",
            "default_role",
            "enabled",
            "authorization_endpoint",
            "token_endpoint",
            "userinfo_endpoint",
            "jwks_uri",
            "end_session_endpoint",
            "allowed_internal_hosts",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.old_secret = self.instance.client_secret if self.instance.pk else ""
        for name in service.ENDPOINTS:
            self.fields[name].required = False
            self.fields[name].help_text = ENDPOINT_HELP

    def clean_client_secret(self) -> str:
        secret = self.cleaned_data["client_secret"]
        if not secret and not self.old_secret:
            raise forms.ValidationError(_("Fill in the client secret."))
        return secret or self.old_secret

    def clean_allowed_domains(self) -> str:
        domains = [d.lower().lstrip("@") for d in lines(self.cleaned_data["allowed_domains"])]
        wrong = [d for d in domains if "." not in d or "@" in d or " " in d]
        if wrong:
            raise forms.ValidationError(
                _("%(domain)s is not a domain (such as gemeente.nl).") % {"domain": wrong[0]}
            )
        if not domains:
            raise forms.ValidationError(_("Fill in at least one e-mail domain."))
        return "\n".join(domains)

    def clean_role_mapping(self) -> str:
        text = self.cleaned_data["role_mapping"]
        try:
            parse_role_mapping(text)
        except ValueError as error:
            raise forms.ValidationError(
                _("This line is not 'group = role' with one of the roles named below: %(line)s")
                % {"line": error.args[0]}
            ) from None
        return "\n".join(lines(text))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        issuer = data.get("issuer")
        if issuer and not all(data.get(name) for name in service.ENDPOINTS):
            try:
                found = service.discover(issuer, lines(data.get("allowed_internal_hosts", "")))
            except service.DiscoveryFailed as failure:
                self.add_error(
                    "issuer",
                    _(
                        "gehoord could not read the configuration of this identity provider "
                        "(%(reason)s). Check the address, or fill in the addresses below."
                    )
                    % {"reason": failure},
                )
                return data
            for name in (*service.ENDPOINTS, "end_session_endpoint"):
                if not data.get(name):
                    data[name] = getattr(found, name)
                    setattr(self.instance, name, data[name])
        return data
