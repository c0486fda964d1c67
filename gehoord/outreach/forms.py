from django import forms
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy.scoping import OrganisationScopedForm

from .models import Channel, InvitationRule

CHANNEL_ORDER = [Channel.EMAIL, Channel.SMS, Channel.LETTER]


class InvitationRuleForm(OrganisationScopedForm):
    channels = forms.MultipleChoiceField(
        label=_("Channels"), widget=forms.CheckboxSelectMultiple,
        choices=[(c.value, c.label) for c in CHANNEL_ORDER],
        help_text=_("Tried in this order: e-mail, then text message, then letter."),
        error_messages={"required": _("Choose at least one channel.")},
    )

    class Meta:
        model = InvitationRule
        fields = ["service", "event_kind", "questionnaire", "delay_days", "send_hour",
                  "channels", "sampling_percentage", "max_per_day", "reminder_after_days",
                  "expires_after_days", "active"]

    def clean_questionnaire(self):
        from gehoord.framework import service as framework_service

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
        help_text=_("Columns: service, kind, date, and e-mail, mobile or address; optional: "
                    "name, provider, team, external_id, district, birth_year, "
                    "preferred_language."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than %(size)d MB; split it.")
                                        % {"size": MAX_UPLOAD_MB})
        return upload
