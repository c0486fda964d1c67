import secrets
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from gehoord.framework import query as framework_query
from gehoord.framework import service as framework_service
from gehoord.tenancy.scoping import OrganisationScopedForm

from .models import Channel, EventKind, InvitationRule
from .models_sampling import Allocation, SamplePlan, Stratum

CHANNEL_ORDER = [Channel.EMAIL, Channel.SMS, Channel.LETTER]


class InvitationRuleForm(OrganisationScopedForm):
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        widget=forms.CheckboxSelectMultiple,
        choices=[(c.value, c.label) for c in CHANNEL_ORDER],
        help_text=_("Tried in this order: e-mail, then text message, then letter."),
        error_messages={"required": _("Choose at least one channel.")},
    )

    class Meta:
        model = InvitationRule
        fields = [
            "service",
            "event_kind",
            "questionnaire",
            "delay_days",
            "send_hour",
            "channels",
            "sampling_percentage",
            "max_per_day",
            "reminder_after_days",
            "expires_after_days",
            "active",
        ]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Panel rules are made by the panel invitation, not by hand.
        self.fields["event_kind"].choices = [
            (k.value, k.label) for k in (EventKind.STARTED, EventKind.COMPLETED)
        ]

    def clean_questionnaire(self):
        questionnaire = self.cleaned_data["questionnaire"]
        if framework_service.latest_published(questionnaire) is None:
            raise forms.ValidationError(_("Publish this questionnaire before inviting for it."))
        return questionnaire

    def clean_channels(self) -> list[str]:
        chosen = set(self.cleaned_data["channels"])
        return [c.value for c in CHANNEL_ORDER if c.value in chosen]


MAX_UPLOAD_MB = 20


class EventUploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: service, kind, date, and e-mail, mobile or address; optional: "
            "name, provider, team, external_id, district, birth_year, "
            "preferred_language."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(
                _("The file is larger than %(size)d MB; split it.") % {"size": MAX_UPLOAD_MB}
            )
        return upload


class PanelInviteForm(forms.Form):
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
    questionnaire = forms.ModelChoiceField(label=_("Questionnaire"), queryset=None)
    channels = forms.MultipleChoiceField(
        label=_("Channels"),
        widget=forms.CheckboxSelectMultiple,
        initial=["email"],
        choices=[(c.value, c.label) for c in CHANNEL_ORDER],
        error_messages={"required": _("Choose at least one channel.")},
    )

    def __init__(self, *args, organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["questionnaire"].queryset = (
            framework_query.questionnaires(organisation)
            .filter(published_count__gt=0, services__isnull=False)
            .distinct()
        )

    def clean_channels(self) -> list[str]:
        chosen = set(self.cleaned_data["channels"])
        return [c.value for c in CHANNEL_ORDER if c.value in chosen]


class SamplePlanForm(OrganisationScopedForm):
    """A stratified sample for an invitation rule; the seed may be left empty (one is
    chosen at random and stored) or typed in to repeat an earlier draw."""

    strata = forms.MultipleChoiceField(
        label=_("Strata"),
        widget=forms.CheckboxSelectMultiple,
        choices=Stratum.choices,
        required=False,
        help_text=_("The sample is split into groups by these; none: one group."),
    )
    seed = forms.IntegerField(
        label=_("Seed"),
        required=False,
        min_value=0,
        max_value=2**62,
        help_text=_("Leave empty for a random seed. The same seed draws the same people again."),
    )

    class Meta:
        model = SamplePlan
        fields = [
            "rule",
            "name",
            "events_from",
            "events_until",
            "strata",
            "allocation",
            "size",
            "minimum_per_stratum",
            "response_target",
        ]
        widgets = {
            "events_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "events_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        rules = cast(forms.ModelChoiceField, self.fields["rule"])
        rules.queryset = rules.queryset.exclude(event_kind=EventKind.PANEL).select_related(
            "service", "questionnaire"
        )
        rules.label_from_instance = lambda rule: f"{rule.service.name} · {rule.questionnaire.name}"

    def clean_strata(self) -> list[str]:
        chosen = set(self.cleaned_data["strata"])
        return [value for value in Stratum.values if value in chosen]

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("events_from"), data.get("events_until")
        if start and end and end < start:
            self.add_error("events_until", _("The end date is before the start date."))
        if data.get("allocation") == Allocation.MINIMUM and not data.get("minimum_per_stratum"):
            self.add_error(
                "minimum_per_stratum",
                _("Give the minimum number per group, or choose proportional."),
            )
        return data

    def save(self, commit: bool = True) -> SamplePlan:
        plan = super().save(commit=False)
        seed = self.cleaned_data.get("seed")
        plan.seed = secrets.randbits(62) if seed is None else seed
        if commit:
            plan.save()
        return plan
