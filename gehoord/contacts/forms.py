from django import forms
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy.scoping import OrganisationScopedForm

from .models import Consent, ConsentSource, Contact, LegalBasis, Purpose


class ContactForm(OrganisationScopedForm):
    class Meta:
        model = Contact
        fields = [
            "name",
            "email",
            "mobile",
            "street",
            "postal_code",
            "city",
            "preferred_language",
            "birth_year",
            "district",
            "external_ref",
        ]

    def clean_birth_year(self):
        from django.utils import timezone

        year = self.cleaned_data.get("birth_year")
        if year and not 1900 <= year <= timezone.localdate().year:
            raise forms.ValidationError(_("Fill in a year of birth between 1900 and now."))
        return year

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(f) for f in ("email", "mobile", "street")):
            raise forms.ValidationError(
                _("Fill in at least an e-mail address, a mobile number or an address.")
            )
        return cleaned


class ConsentForm(forms.ModelForm):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Purpose.choices)
    legal_basis = forms.ChoiceField(
        label=_("Legal basis"), choices=LegalBasis.choices, initial=LegalBasis.CONSENT
    )
    source = forms.ChoiceField(
        label=_("How was it given?"), choices=ConsentSource.choices, initial=ConsentSource.STAFF
    )

    class Meta:
        model = Consent
        fields = ["purpose", "legal_basis", "source"]


class PanelFilterForm(forms.Form):
    district = forms.CharField(label=_("District"), required=False, max_length=80)
    age_band = forms.ChoiceField(
        label=_("Age band"),
        required=False,
        choices=[
            ("", _("All ages")),
            ("18-34", "18–34"),
            ("35-49", "35–49"),
            ("50-64", "50–64"),
            ("65-79", "65–79"),
            ("80+", "80+"),
        ],
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("All languages")), ("nl", _("Dutch")), ("en", _("English"))],
    )


class PanelSignupForm(forms.Form):
    """The public sign-up for the panel; a honeypot keeps simple bots out."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        error_messages={"required": _("Fill in your e-mail address.")},
    )
    name = forms.CharField(label=_("Name (optional)"), required=False, max_length=200)
    agree = forms.BooleanField(
        label=_("Yes, you may invite me for surveys now and then. I can stop at any time."),
        error_messages={"required": _("Tick the box if you want to join.")},
    )
    website = forms.CharField(required=False, max_length=200, label=_("Leave this field empty"))

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})

    def clean_name(self) -> str:
        from gehoord.text import validate_plain_text

        name = self.cleaned_data["name"].strip()
        validate_plain_text(name)
        return name

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))
