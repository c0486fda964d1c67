"""The theme form: choose a shipped theme or upload a tokens file, a logo and a favicon.
Cleaning computes the contrast of the result, so an unreadable theme never saves."""

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from . import contrast, look, tokens
from .catalogue import SHIPPED
from .models import OrganisationTheme

MAX_TOKENS_BYTES = 2_000_000
MAX_IMAGE_BYTES = 500_000


class ThemeForm(forms.Form):
    shipped = forms.ChoiceField(
        label=_("Theme"),
        required=False,
        choices=[("", _("gehoord's own look")), *[(k, t.label) for k, t in SHIPPED.items()]],
        help_text=_(
            "The themes of municipalities are their house style: choose one only if it is "
            "yours. Or upload your own design tokens below."
        ),
    )
    tokens_file = forms.FileField(
        label=_("Design tokens file (JSON)"),
        required=False,
        help_text=_(
            "The tokens.json of your NL Design System theme. It replaces the theme chosen above."
        ),
    )
    logo = forms.ImageField(
        label=_("Logo"), required=False, help_text=_("PNG, JPEG or WebP, at most 500 kB.")
    )
    favicon = forms.ImageField(
        label=_("Favicon"),
        required=False,
        help_text=_("The small picture in the browser tab. PNG, at most 500 kB."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    def __init__(self, *args, current: OrganisationTheme | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.current = current
        self.uploaded: dict[str, str] | None = None
        self.checks: list[contrast.ContrastCheck] = []

    def clean_tokens_file(self):
        upload = self.cleaned_data.get("tokens_file")
        if not upload:
            return None
        if upload.size > MAX_TOKENS_BYTES:
            raise forms.ValidationError(_("The tokens file is larger than 2 MB."))
        try:
            data = json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise forms.ValidationError(
                _("This is not a readable JSON file: %(error)s"), params={"error": error}
            ) from error
        properties = tokens.from_json(data)
        if not any(tokens.resolve(properties, t) for c, _d in tokens.ROLES.values() for t in c):
            raise forms.ValidationError(
                _(
                    "The file has none of the NL Design System tokens gehoord uses, such as "
                    "utrecht.document.color. Upload the tokens.json of your theme."
                )
            )
        self.uploaded = properties
        return upload

    def _image(self, name: str):
        image = self.cleaned_data.get(name)
        if image and image.size > MAX_IMAGE_BYTES:
            raise forms.ValidationError(_("The picture is larger than 500 kB."))
        return image

    def clean_logo(self):
        return self._image("logo")

    def clean_favicon(self):
        return self._image("favicon")

    def chosen_properties(self) -> dict[str, str]:
        if self.uploaded is not None:
            return self.uploaded
        shipped = self.cleaned_data.get("shipped", "")
        if shipped:
            return look.properties_of(OrganisationTheme(shipped=shipped))
        if self.current is not None and not self.current.shipped:
            return dict(self.current.uploaded_tokens or {})
        return {}

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        self.checks = contrast.check(look.values_of(self.chosen_properties()))
        failing = [check for check in self.checks if not check.passes]
        if failing:
            raise forms.ValidationError(
                _(
                    "This theme is hard to read: %(parts)s do not have enough contrast "
                    "(WCAG 2.1 level AA). Choose other colours."
                ),
                params={"parts": ", ".join(str(check.label) for check in failing)},
            )
        return cleaned
