from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gehoord.catalog import query as catalog_query
from gehoord.catalog.models import Stage
from gehoord.tenancy.scoping import OrganisationScopedForm

from .models import TEXT_MAX_LENGTH, CallResult, FeedbackSettings, Outcome, Signal, Theme

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SignalForm(OrganisationScopedForm):
    class Meta:
        model = Signal
        fields = [
            "kind",
            "received_on",
            "channel",
            "service",
            "team",
            "provider",
            "stage",
            "text",
            "reference",
            "advisory_committee",
        ]
        widgets = {"received_on": DATE_WIDGET, "text": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Stages belong to an organisation through their journey.
        self.fields["stage"].queryset = Stage.objects.filter(
            journey__organisation=self.organisation, journey__archived_at__isnull=True
        ).select_related("journey")
        self.fields["stage"].label_from_instance = lambda s: f"{s.journey.name}: {s.name}"
        for name in ("service", "team", "provider"):
            self.fields[name].queryset = self.fields[name].queryset.filter(archived_at__isnull=True)
        catalog_query.require_own_team(self)
        if not self.instance.pk:
            self.initial.setdefault("received_on", timezone.localdate())

    def clean_received_on(self):
        received_on = self.cleaned_data["received_on"]
        if received_on > timezone.localdate():
            raise forms.ValidationError(_("The date of receipt cannot be in the future."))
        return received_on


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    decided_on = forms.DateField(
        label=_("Decision date"), widget=DATE_WIDGET, initial=timezone.localdate
    )

    def __init__(self, *args, signal: Signal, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.signal = signal

    def clean_decided_on(self):
        decided_on = self.cleaned_data["decided_on"]
        if decided_on < self.signal.received_on:
            raise forms.ValidationError(_("The decision cannot be before the date of receipt."))
        if decided_on > timezone.localdate():
            raise forms.ValidationError(_("The decision date cannot be in the future."))
        return decided_on


class CallForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=CallResult.choices)
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CloseForm(forms.Form):
    outcome = forms.CharField(
        label=_("What was done"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the resident"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "For example: “You told us … We have …”. It is e-mailed when the "
            "resident gave an e-mail address and consent."
        ),
    )


class ThemeForm(OrganisationScopedForm):
    class Meta:
        model = Theme
        fields = ["name", "code", "principle", "position", "active"]


class FeedbackSettingsForm(forms.ModelForm):
    class Meta:
        model = FeedbackSettings
        fields = [
            "low_grade_threshold",
            "follow_up_working_days",
            "complaint_weeks",
            "complaint_extension_weeks",
            "objection_weeks",
            "objection_committee_weeks",
            "objection_extension_weeks",
            "warning_working_days",
            "public_form_enabled",
        ]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "Columns: kind, date, text; optional: service (code), "
            "team, provider, channel, outcome, decision_date, "
            "reference."
        ),
    )

    def clean_file(self):
        from .csv_import import MAX_BYTES

        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:  # known from the upload, before anything is read
            raise forms.ValidationError(
                _("The file is larger than 5 MB; split it into smaller files.")
            )
        return upload
