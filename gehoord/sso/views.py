"""Single sign-on: the start and the call-back of a log-in, and the administrators' screen."""

from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import UpdateView
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from gehoord.tenancy import service as tenancy_service
from gehoord.tenancy.roles import Capability
from gehoord.tenancy.scoping import OrganisationScopedMixin

from . import query, service
from .backend import SESSION_FLAG, SESSION_PROVIDER, refusal_of
from .forms import OidcProviderForm
from .models import OidcProvider

REFUSALS = {
    "domain": lambda name: (
        _(
            "Your e-mail address may not be used to log in with %(name)s. Ask your "
            "administrator if this is wrong."
        )
        % {"name": name}
    ),
    "no_email": lambda name: (
        _("%(name)s did not tell gehoord your e-mail address.") % {"name": name}
    ),
    "no_role": lambda name: (
        _("%(name)s gave you no role in gehoord. Ask your administrator for access.")
        % {"name": name}
    ),
    "elsewhere": lambda name: (
        _(
            "Your account is also used outside this organisation, so you cannot log in with "
            "%(name)s. Log in with your password."
        )
        % {"name": name}
    ),
    "token": lambda name: (
        _("The answer of %(name)s could not be trusted. You are not logged in.") % {"name": name}
    ),
    "failed": lambda name: (
        _("Logging in with %(name)s did not work. Try again, or log in with your password.")
        % {"name": name}
    ),
}


class SsoStartView(OIDCAuthenticationRequestView):
    """Sends the browser to the organisation's identity provider."""

    def __init__(self, **kwargs: Any) -> None:
        # Not the library's __init__: it demands one provider in the settings.
        View.__init__(self, **kwargs)

    def get(self, request: HttpRequest, organisation: str = "") -> HttpResponse:
        provider = query.enabled_provider_for(organisation)
        if provider is None:
            raise Http404
        self.OIDC_OP_AUTH_ENDPOINT = provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = provider.client_id
        response = super().get(request)
        # The provider goes with this log-in's state, so a second log-in started in
        # another tab does not change which provider the first one comes back from.
        state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
        request.session["oidc_states"][state]["provider"] = provider.pk
        request.session[SESSION_PROVIDER] = provider.pk
        return response


class SsoCallbackView(OIDCAuthenticationCallbackView):
    """Where the identity provider sends the browser back; logs in or says why not."""

    @property
    def failure_url(self) -> str:
        return reverse("login")

    def get(self, request: HttpRequest) -> HttpResponse:
        started = request.session.get("oidc_states", {}).get(request.GET.get("state"), {})
        if isinstance(started, dict) and started.get("provider"):
            request.session[SESSION_PROVIDER] = started["provider"]
        try:
            return super().get(request)
        except SuspiciousOperation:
            # A state this session did not start (an old tab, a forged link).
            return self.login_failure()

    def login_failure(self) -> HttpResponse:
        request = self.request
        provider = query.provider_by_id(request.session.get(SESSION_PROVIDER))
        if not getattr(request, "sso_attempted", False) and not getattr(
            request, "login_refused", False
        ):
            # Never reached authenticate() (the provider reported an error, or the state
            # was unknown): still a failed log-in for the audit log.
            tenancy_service.record_login(request, None, tenancy_service.ReadResult.FAILURE)
        name = provider.name if provider else _("the identity provider")
        messages.error(request, REFUSALS.get(refusal_of(request), REFUSALS["failed"])(name))
        return HttpResponseRedirect(self.failure_url)

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        provider = query.provider_by_id(self.request.session.get(SESSION_PROVIDER))
        if provider is not None:
            tenancy_service.switch_organisation(self.request, provider.organisation_id)
            service.remember_for_logout(self.request, provider)
        self.request.session[SESSION_FLAG] = True
        self.request.session.pop(SESSION_PROVIDER, None)
        return response


class ProviderMixin(OrganisationScopedMixin):
    capability = Capability.MANAGE_ORGANISATION


class ProviderEditView(ProviderMixin, UpdateView):
    """Set up or change the organisation's one identity provider (no id in the address)."""

    model = OidcProvider
    form_class = OidcProviderForm
    template_name = "sso/provider_form.html"

    def get_object(self, queryset: Any = None) -> OidcProvider:
        return query.provider_of(self.organisation) or OidcProvider(organisation=self.organisation)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            redirect_url=self.request.build_absolute_uri(reverse("sso:callback")), **kwargs
        )

    def form_valid(self, form: Any) -> HttpResponse:
        service.save_provider(form.save(commit=False))
        messages.success(self.request, _("The identity provider has been saved."))
        return HttpResponseRedirect(reverse("sso:settings"))


class ProviderDeleteView(ProviderMixin, View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        provider = query.provider_of(self.organisation)
        if provider is not None:
            service.remove_provider(provider)
            messages.success(request, _("Single sign-on has been removed."))
        return HttpResponseRedirect(reverse("sso:settings"))
