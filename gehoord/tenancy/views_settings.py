"""Organisation settings and API keys, for administrators."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from . import service
from .api_keys import ApiKey
from .forms_admin import ApiKeyForm, OrganisationSettingsForm
from .roles import Capability
from .scoping import OrganisationScopedMixin, require_capability


class SettingsView(UpdateView):
    """The active organisation's own settings (there is no id in the address)."""

    template_name = "tenancy/settings.html"
    form_class = OrganisationSettingsForm

    def dispatch(self, request, *args, **kwargs):
        require_capability(request, Capability.MANAGE_ORGANISATION)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return self.request.organisation

    def form_valid(self, form):
        if not form.has_changed():
            messages.info(self.request, _("Nothing was changed."))
            return HttpResponseRedirect(self.get_success_url())
        response = super().form_valid(form)  # save(): the audit log records every change
        messages.success(self.request, _("The settings have been saved."))
        return response

    def get_success_url(self) -> str:
        return reverse("tenancy:settings")


class ApiKeyMixin(OrganisationScopedMixin):
    capability = Capability.MANAGE_ORGANISATION


class ApiKeyListView(ApiKeyMixin, ListView):
    model = ApiKey
    template_name = "tenancy/api_keys.html"
    paginate_by = 25
    context_object_name = "keys"

    def get_queryset(self):
        # The teams a key is limited to are the catalogue's (catalog.ApiKeyTeam).
        return (
            super()
            .get_queryset()
            .prefetch_related("team_limits__team")
            .order_by("revoked_at", "-created_at")
        )


class ApiKeyCreateView(ApiKeyMixin, FormView):
    template_name = "tenancy/api_key_form.html"
    form_class = ApiKeyForm

    def form_valid(self, form):
        key, secret = service.create_api_key(
            self.organisation, form.cleaned_data["name"], form.cleaned_data["scopes"]
        )
        # Shown in this response only: the key is not stored, not even in the session.
        response = render(
            self.request, "tenancy/api_key_created.html", {"key": key, "secret": secret}
        )
        response["Cache-Control"] = "no-store"
        return response


class ApiKeyRevokeView(ApiKeyMixin, SingleObjectMixin, View):
    model = ApiKey
    http_method_names = ["post"]

    def post(self, request, pk: int):
        key = self.get_object()
        service.revoke(key)
        messages.success(request, _("The key “%(name)s” no longer works.") % {"name": key.name})
        return HttpResponseRedirect(reverse("tenancy:api_keys"))
