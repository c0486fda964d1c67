"""Tie a provider user to the one provider whose results they may see, and limit another
member to one or more teams.

The member screens are tenancy's, on the lowest floor, which knows nothing of providers;
this screen is registered there as a link beside every provider user
(`tenancy.navigation.register_member_link`).
"""

from typing import cast

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from gehoord.tenancy.models import ApiKey, Membership
from gehoord.tenancy.roles import Capability, Role
from gehoord.tenancy.scoping import OrganisationScopedMixin

from . import query, service
from .limits import UNLIMITED_ROLES
from .models import Provider, Team


class ProviderAccessForm(forms.Form):
    provider = forms.ModelChoiceField(
        label=gettext_lazy("Provider"),
        queryset=Provider.objects.none(),  # set per organisation below
        help_text=gettext_lazy("This person sees only the results of this provider."),
    )

    def __init__(self, *args, organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelChoiceField, self.fields["provider"])
        field.queryset = query.active_providers(organisation)


class ProviderAccessView(OrganisationScopedMixin, DetailView):
    capability = Capability.MANAGE_MEMBERS
    model = Membership
    template_name = "catalog/provider_access.html"
    context_object_name = "membership"

    def get_queryset(self):
        return super().get_queryset().filter(role=Role.PROVIDER_USER).select_related("user")

    def get_context_data(self, **kwargs):
        current = query.provider_of(self.object)
        form = kwargs.pop("form", None) or ProviderAccessForm(
            organisation=self.organisation, initial={"provider": current}
        )
        return super().get_context_data(form=form, current=current, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = membership = self.get_object()
        form = ProviderAccessForm(request.POST, organisation=self.organisation)
        if form.is_valid():
            try:
                access = service.grant_provider_access(membership, form.cleaned_data["provider"])
            except ValidationError as error:
                form.add_error("provider", error.messages[0])
            else:
                messages.success(
                    request,
                    _("%(name)s now sees the results of %(provider)s.")
                    % {"name": membership.user.get_username(), "provider": access.provider},
                )
                return HttpResponseRedirect(reverse("tenancy:member_list"))
        return self.render_to_response(self.get_context_data(form=form))


class TeamAccessForm(forms.Form):
    teams = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Teams"),
        queryset=Team.objects.none(),  # set per organisation below
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "This person sees only the signals, follow-ups, actions, responses and figures "
            "of these teams. Choose none to let them see every team."
        ),
    )

    def __init__(self, *args, organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ModelMultipleChoiceField, self.fields["teams"])
        field.queryset = query.active_teams(organisation)


class TeamAccessView(OrganisationScopedMixin, DetailView):
    """Beheer → members → one member: the teams this member is limited to."""

    capability = Capability.MANAGE_MEMBERS
    model = Membership
    template_name = "catalog/team_access.html"
    context_object_name = "membership"

    def get_queryset(self):
        return super().get_queryset().exclude(role__in=UNLIMITED_ROLES).select_related("user")

    def get_context_data(self, **kwargs):
        current = list(query.teams_of(self.object))
        form = kwargs.pop("form", None) or TeamAccessForm(
            organisation=self.organisation, initial={"teams": current}
        )
        return super().get_context_data(form=form, current=current, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = membership = self.get_object()
        form = TeamAccessForm(request.POST, organisation=self.organisation)
        if form.is_valid():
            try:
                teams = service.set_team_access(membership, form.cleaned_data["teams"])
            except ValidationError as error:
                form.add_error("teams", error.messages[0])
            else:
                name = membership.user.get_username()
                if teams:
                    text = _("%(name)s now sees only the teams %(teams)s.") % {
                        "name": name,
                        "teams": ", ".join(team.name for team in teams),
                    }
                else:
                    text = _("%(name)s now sees every team.") % {"name": name}
                messages.success(request, text)
                return HttpResponseRedirect(reverse("tenancy:member_list"))
        return self.render_to_response(self.get_context_data(form=form))


class ApiKeyTeamsForm(TeamAccessForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["teams"].help_text = gettext_lazy(
            "A system with this key then reads and files only the signals and figures of "
            "these teams. Choose none for the whole organisation."
        )


class ApiKeyTeamsView(OrganisationScopedMixin, DetailView):
    """Beheer → API keys → one key: the teams the key is limited to."""

    capability = Capability.MANAGE_ORGANISATION
    model = ApiKey
    template_name = "catalog/api_key_teams.html"
    context_object_name = "key"

    def get_queryset(self):
        return super().get_queryset().filter(revoked_at__isnull=True)

    def get_context_data(self, **kwargs):
        current = list(query.teams_of_key(self.object))
        form = kwargs.pop("form", None) or ApiKeyTeamsForm(
            organisation=self.organisation, initial={"teams": current}
        )
        return super().get_context_data(form=form, current=current, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = key = self.get_object()
        form = ApiKeyTeamsForm(request.POST, organisation=self.organisation)
        if form.is_valid():
            try:
                teams = service.set_api_key_teams(key, form.cleaned_data["teams"])
            except ValidationError as error:
                form.add_error("teams", error.messages[0])
            else:
                if teams:
                    text = _("The key “%(name)s” now works only for the teams %(teams)s.") % {
                        "name": key.name,
                        "teams": ", ".join(team.name for team in teams),
                    }
                else:
                    text = _("The key “%(name)s” now works for every team.") % {"name": key.name}
                messages.success(request, text)
                return HttpResponseRedirect(reverse("tenancy:api_keys"))
        return self.render_to_response(self.get_context_data(form=form))
