"""The filter bar every results page shares."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gehoord.catalog import query as catalog_query
from gehoord.framework import query as framework_query
from gehoord.surveys.models import Channel

from . import periods
from .metrics import Filters
from .models import SegmentDimension


class FilterForm(forms.Form):
    periode = forms.ChoiceField(label=_("Period"), required=False)
    vragenlijst = forms.ModelChoiceField(
        label=_("Questionnaire"), queryset=None, required=False, empty_label=_("All")
    )
    dienst = forms.ModelChoiceField(
        label=_("Service"), queryset=None, required=False, empty_label=_("All")
    )
    aanbieder = forms.ModelChoiceField(
        label=_("Provider"), queryset=None, required=False, empty_label=_("All")
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=None, required=False, empty_label=_("All")
    )
    kanaal = forms.ChoiceField(
        label=_("Channel"), required=False, choices=[("", _("All")), *Channel.choices]
    )

    def __init__(self, organisation, data=None, *, membership=None, **kwargs) -> None:
        super().__init__(data, **kwargs)
        self.organisation = organisation
        self.fields["periode"].choices = [(p.key, p.label) for p in periods.recent_choices()]
        self.fields["vragenlijst"].queryset = framework_query.questionnaires(organisation)
        self.fields["dienst"].queryset = catalog_query.active_services(organisation)
        self.fields["aanbieder"].queryset = catalog_query.active_providers(organisation)
        teams = catalog_query.active_teams(organisation)
        self.own_teams = None
        if catalog_query.is_team_limited(membership):
            # Only their teams, and always one of them: never the whole organisation.
            teams = teams.filter(pk__in=sorted(catalog_query.team_ids_of(membership) or ()))
            self.own_teams = list(teams)
            self.fields["team"].required = True
            self.fields["team"].empty_label = None
        self.fields["team"].queryset = teams

    def selection(self) -> tuple[periods.Period, Filters]:
        """The period and filters asked for; invalid choices are ignored (and shown)."""
        self.is_valid()  # fills cleaned_data with the fields that are valid
        data = getattr(self, "cleaned_data", {})

        def pk(name):
            value = data.get(name)
            return value.pk if value else None

        return (
            periods.parse(data.get("periode")),
            Filters(
                questionnaire_id=pk("vragenlijst"),
                service_id=pk("dienst"),
                provider_id=pk("aanbieder"),
                team_id=pk("team") or self._own_team_id(),
                channel=data.get("kanaal") or "",
            ),
        )

    def _own_team_id(self) -> int | None:
        if self.own_teams is None:
            return None
        # No team of theirs left (all archived): a team id that matches no figure.
        return self.own_teams[0].pk if self.own_teams else 0


class SegmentForm(forms.Form):
    indeling = forms.ChoiceField(
        label=_("Break down by"), required=False, choices=SegmentDimension.choices
    )
