from django import forms
from django.utils.translation import gettext_lazy as _

from gehoord.catalog import query as catalog_query
from gehoord.tenancy.models import Organisation

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

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, prefix="ctx", **kwargs)
        self.fields["service"].queryset = catalog_query.active_services(organisation)
        self.fields["provider"].queryset = catalog_query.active_providers(organisation)
        self.fields["team"].queryset = catalog_query.active_teams(organisation)
