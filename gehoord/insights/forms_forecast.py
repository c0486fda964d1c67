"""The forecast screen's choices and the expiry register's upload."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gehoord.catalog import query as catalog_query

from .expiry_import import MAX_BYTES
from .forecast_presented import DEFAULT_MINUTES
from .models_forecast import Granularity


class ForecastForm(forms.Form):
    dienst = forms.ModelChoiceField(
        label=_("Service"), queryset=None, required=False, empty_label=None
    )
    per = forms.ChoiceField(label=_("Per"), choices=Granularity.choices, required=False)
    minuten = forms.IntegerField(
        label=_("Handling time per request (minutes)"),
        min_value=1,
        max_value=600,
        required=False,
        initial=DEFAULT_MINUTES,
    )

    def __init__(self, organisation, service_ids, data=None, **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.fields["dienst"].queryset = catalog_query.active_services(organisation).filter(
            pk__in=service_ids
        )

    def selection(self):
        """(service or None, granularity, minutes); invalid values fall back to defaults."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        service = data.get("dienst") or self.fields["dienst"].queryset.first()
        return service, data.get("per") or Granularity.MONTH, data.get("minuten") or DEFAULT_MINUTES


class ExpiryUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: dienst (the service code), document (e.g. rijbewijs), maand (2027-03) "
            "and aantal (how many expire that month). No names or numbers of residents."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 1 MB; split it."))
        return upload
