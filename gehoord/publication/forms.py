from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import URLField
from django.utils.translation import gettext_lazy as _

from gehoord.catalog import query as catalog_query
from gehoord.framework import query as framework_query
from gehoord.framework.question_types import QuestionType
from gehoord.tenancy.scoping import OrganisationScopedForm

from .models import (
    AccessibilityStatement,
    DigestScope,
    DigestSubscription,
    PublicationSettings,
)


class PublicationSettingsForm(OrganisationScopedForm):
    class Meta:
        model = PublicationSettings
        fields = ["enabled", "services", "selected_questions", "frame_origins"]
        widgets = {
            "services": forms.CheckboxSelectMultiple,
            "selected_questions": forms.CheckboxSelectMultiple,
            "frame_origins": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["services"].queryset = catalog_query.active_services(organisation)
        self.fields["selected_questions"].queryset = framework_query.bank(organisation).filter(
            type=QuestionType.AGREEMENT, archived_at__isnull=True
        )
        self.fields["selected_questions"].label_from_instance = lambda q: q.text_nl

    def clean_frame_origins(self) -> str:
        value = self.cleaned_data["frame_origins"]
        check = URLValidator(schemes=["https", "http"])
        for line in value.splitlines():
            origin = line.strip()
            if not origin:
                continue
            try:
                check(origin)
            except ValidationError:
                raise ValidationError(
                    _("“%(origin)s” is not a web address. Write it like https://www.voorbeeld.nl."),
                    params={"origin": origin},
                ) from None
            if origin.rstrip("/").count("/") > 2:
                raise ValidationError(
                    _("Give only the website, without a page: “%(origin)s”."),
                    params={"origin": origin},
                )
        return value


class DigestSubscriptionForm(OrganisationScopedForm):
    class Meta:
        model = DigestSubscription
        fields = ["active", "scope", "team"]
        widgets = {"scope": forms.RadioSelect}

    def __init__(self, *args, organisation, **kwargs):
        super().__init__(*args, organisation=organisation, **kwargs)
        self.fields["team"].queryset = catalog_query.active_teams(organisation)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == DigestScope.TEAM and not cleaned.get("team"):
            self.add_error("team", _("Choose the team whose digest you want."))
        if cleaned.get("scope") == DigestScope.ORGANISATION:
            cleaned["team"] = None
        return cleaned


def _https_by_default(field, **kwargs):
    """Form fields of the model's fields; an address typed without scheme is https."""
    if isinstance(field, URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class AccessibilityStatementForm(OrganisationScopedForm):
    class Meta:
        model = AccessibilityStatement
        formfield_callback = _https_by_default
        fields = [
            "status",
            "scope",
            "signed_on",
            "evaluated_by",
            "evaluated_on",
            "evaluation_url",
            "known_issues",
            "contact_email",
            "contact_phone",
            "response_days",
        ]
        widgets = {
            "scope": forms.Textarea(attrs={"rows": 2}),
            "known_issues": forms.Textarea(attrs={"rows": 4}),
            "signed_on": forms.DateInput(attrs={"type": "date"}),
            "evaluated_on": forms.DateInput(attrs={"type": "date"}),
        }

    def clean(self):
        cleaned = super().clean()
        signed_on, evaluated_on = cleaned.get("signed_on"), cleaned.get("evaluated_on")
        if signed_on and evaluated_on and evaluated_on > signed_on:
            self.add_error(
                "evaluated_on", _("The examination cannot be after the date of the statement.")
            )
        return cleaned
