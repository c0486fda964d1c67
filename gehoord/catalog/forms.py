from typing import cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy.scoping import OrganisationScopedForm

from .models import Journey, Provider, Service, Stage, Team


class ServiceForm(OrganisationScopedForm):
    class Meta:
        model = Service
        fields = ["name", "code", "description"]


class ProviderForm(OrganisationScopedForm):
    class Meta:
        model = Provider
        fields = ["name", "services", "active_from", "active_until", "description"]
        widgets = {
            "services": forms.CheckboxSelectMultiple,
            "active_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "active_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        services = cast(forms.ModelMultipleChoiceField, self.fields["services"])
        services.queryset = cast(QuerySet, services.queryset).filter(archived_at__isnull=True)


class TeamForm(OrganisationScopedForm):
    class Meta:
        model = Team
        fields = ["name", "description"]


class JourneyForm(OrganisationScopedForm):
    class Meta:
        model = Journey
        fields = ["name", "service", "description"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        service = cast(forms.ModelChoiceField, self.fields["service"])
        service.queryset = cast(QuerySet, service.queryset).filter(archived_at__isnull=True)
        service.empty_label = _("(no particular service)")


class StageForm(forms.ModelForm):
    class Meta:
        model = Stage
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


# can_order adds an "order" number per row; positions are renumbered 1, 2, 3… on save.
StageFormSet = forms.inlineformset_factory(
    Journey,
    Stage,
    form=StageForm,
    extra=2,
    can_delete=True,
    can_order=True,
    max_num=30,
    validate_max=True,
)
