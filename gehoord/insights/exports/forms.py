"""The export form: what, in which format, and the filters of the results pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..forms import FilterForm
from ..models import EXPORT_FORMATS, ExportFormat, ExportKind


class ExportForm(FilterForm):
    wat = forms.ChoiceField(label=_("What"), choices=ExportKind.choices)
    formaat = forms.ChoiceField(label=_("Format"), choices=ExportFormat.choices)

    field_order = ["wat", "formaat"]

    def clean(self):
        data = super().clean()
        kind, format = data.get("wat"), data.get("formaat")
        if kind == ExportKind.REPORT:  # the report has one format: no need to ask for it
            data["formaat"] = format = ExportFormat.PDF
        if kind and format and format not in EXPORT_FORMATS[ExportKind(kind)]:
            allowed = ", ".join(str(ExportFormat(f).label) for f in sorted(EXPORT_FORMATS[kind]))
            self.add_error(
                "formaat",
                _("%(what)s can be exported as: %(formats)s.")
                % {"what": ExportKind(kind).label, "formats": allowed},
            )
        return data
