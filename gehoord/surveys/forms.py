from django import forms
from django.utils.translation import gettext_lazy as _

from gehoord.catalog import query as catalog_query
from gehoord.framework.models import Questionnaire
from gehoord.tenancy.models import Membership, Organisation
from gehoord.tenancy.scoping import limit_to_member

from .models import Channel


class EntryContextForm(forms.Form):
    """How and for which service an interviewer's answers were given."""

    channel = forms.ChoiceField(
        label=_("How were the answers given?"),
        choices=[(c.value, c.label) for c in Channel if c != Channel.WEB],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the answers were given.")},
    )
    language = forms.ChoiceField(
        label=_("Language of the conversation"),
        choices=[("nl", _("Dutch")), ("en", _("English"))],
        initial="nl",
    )
    service = forms.ModelChoiceField(label=_("Service"), required=False, queryset=None)
    provider = forms.ModelChoiceField(label=_("Provider"), required=False, queryset=None)
    team = forms.ModelChoiceField(label=_("Team"), required=False, queryset=None)
    nonce = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args,
        organisation: Organisation,
        questionnaire: Questionnaire,
        membership: Membership | None = None,
        **kwargs,
    ) -> None:
        super().__init__(*args, prefix="ctx", **kwargs)
        services = catalog_query.active_services(organisation)
        providers = catalog_query.active_providers(organisation)
        # A questionnaire made for certain services only takes answers about those (an
        # interview saved under another service would count in that service's figures).
        own = list(questionnaire.services.values_list("pk", flat=True))
        if own:
            services = services.filter(pk__in=own)
            providers = providers.filter(services__in=own).distinct()
        self.fields["service"].queryset = services
        self.fields["provider"].queryset = providers
        # An interviewer limited to teams enters answers for one of their teams only.
        self.fields["team"].queryset = limit_to_member(
            catalog_query.active_teams(organisation), membership
        )
        self.fields["team"].required = catalog_query.is_team_limited(membership)
        if len(own) == 1:
            self.fields["service"].required = True
            self.fields["service"].empty_label = None
            self.fields["service"].initial = own[0]


class ResponseFilterForm(forms.Form):
    """The filters of the responses list (GET). Unknown values give a message, not a 500."""

    vragenlijst = forms.TypedChoiceField(
        label=_("Questionnaire"), required=False, coerce=int, empty_value=None
    )
    dienst = forms.TypedChoiceField(
        label=_("Service"), required=False, coerce=int, empty_value=None
    )
    cijfer = forms.TypedChoiceField(
        label=_("Grade"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Any grade"))] + [(str(g), str(g)) for g in range(1, 11)],
        error_messages={"invalid_choice": _("Choose a grade from 1 to 10.")},
    )
    open = forms.TypedChoiceField(
        label=_("Open answer"),
        required=False,
        coerce=lambda value: value == "ja",
        empty_value=None,
        choices=[("", _("With or without")), ("ja", _("With open answer")), ("nee", _("Without"))],
    )

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        questionnaires = Questionnaire.objects.for_organisation(organisation).order_by("name")
        self.fields["vragenlijst"].choices = [("", _("All questionnaires"))] + [
            (str(pk), name) for pk, name in questionnaires.values_list("pk", "name")
        ]
        self.fields["dienst"].choices = [("", _("All services"))] + [
            (str(pk), name)
            for pk, name in catalog_query.active_services(organisation).values_list("pk", "name")
        ]
        for name in ("vragenlijst", "dienst"):
            self.fields[name].error_messages["invalid_choice"] = _(
                "This choice does not exist (any more); all are shown."
            )

    def filters(self) -> dict:
        """Keyword arguments of `query.response_list`; a filter with a bad value is left out."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "questionnaire_id": data.get("vragenlijst"),
            "service_id": data.get("dienst"),
            "grade": data.get("cijfer"),
            "has_open_text": data.get("open"),
        }
