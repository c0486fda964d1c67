from django import forms
from django.utils.translation import gettext_lazy as _

from gehoord.framework import query as framework_query
from gehoord.improvement import query as improvement_query
from gehoord.tenancy.scoping import OrganisationScopedForm

from .margins import as_lines, parse_lines
from .models import MarginDimension, Sampling, StatutoryYear, SurveyChannel


class PlanForm(OrganisationScopedForm):
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        choices=SurveyChannel.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Offer paper too: not everyone answers online."),
    )

    class Meta:
        model = StatutoryYear
        fields = [
            "year",
            "law",
            "questionnaires",
            "population",
            "population_size",
            "sampling",
            "sample_size",
            "channels",
            "invited_outside",
            "owner",
            "summary",
            "actions",
        ]
        widgets = {
            "population": forms.Textarea(attrs={"rows": 2}),
            "summary": forms.Textarea(attrs={"rows": 5}),
            "actions": forms.CheckboxSelectMultiple,
            "questionnaires": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        organisation = self.organisation
        self.fields["questionnaires"].queryset = framework_query.questionnaires(organisation)
        self.fields["actions"].queryset = improvement_query.actions(organisation)
        self.fields["owner"].queryset = (
            self.fields["owner"].queryset.filter(memberships__organisation=organisation).distinct()
        )

    def clean(self):
        data = super().clean()
        if data.get("sampling") == Sampling.SAMPLE and not data.get("sample_size"):
            self.add_error("sample_size", _("Say how many people the sample holds."))
        return data


class MarginsForm(forms.Form):
    """One text box per dimension: "group: number" per line."""

    def __init__(self, *args, initial_counts: dict[str, dict[str, int]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for value, label in MarginDimension.choices:
            self.fields[value] = forms.CharField(
                label=label,
                required=False,
                widget=forms.Textarea(attrs={"rows": 5}),
                initial=as_lines(initial_counts.get(value, {})),
                help_text=_('One group per line: "group: number", for example "80+: 120".'),
            )

    def clean(self) -> dict:
        data = super().clean()
        parsed = {}
        for dimension in MarginDimension.values:
            try:
                parsed[dimension] = parse_lines(data.get(dimension) or "")
            except forms.ValidationError as error:
                self.add_error(dimension, error)
        totals = {sum(counts.values()) for counts in parsed.values() if counts}
        if len(totals) > 1:
            raise forms.ValidationError(
                _(
                    "The numbers per dimension add up to different totals (%(totals)s): "
                    "each dimension counts the same population."
                )
                % {"totals": ", ".join(str(t) for t in sorted(totals))}
            )
        data["parsed"] = parsed
        return data
