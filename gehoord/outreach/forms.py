from django import forms
from django.utils.translation import gettext_lazy as _

from gehoord.framework import query as framework_query
from gehoord.framework import service as framework_service
from gehoord.tenancy.scoping import OrganisationScopedForm

from .models import Channel, EventKind, InvitationRule

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
