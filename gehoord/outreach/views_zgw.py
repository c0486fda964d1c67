"""ZGW screens for administrators: the connection, its zaaktypes, and a connection test."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, ListView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from gehoord.tenancy.roles import Capability
from gehoord.tenancy.scoping import OrganisationScopedMixin

from . import zgw_setup
from .forms_zgw import ZaaktypeMappingForm, ZgwConnectionForm
from .models import ZaaktypeMapping, ZgwConnection


def connection_of(organisation) -> ZgwConnection | None:
    return ZgwConnection.objects.for_organisation(organisation).first()


class ZgwMixin(OrganisationScopedMixin):
    capability = Capability.MANAGE_ORGANISATION


class ZgwOverviewView(ZgwMixin, ListView):
    """The connection and, below it, the zaaktypes that stand for a service."""

    model = ZaaktypeMapping
    template_name = "outreach/zgw.html"
    paginate_by = 25
    context_object_name = "mappings"

    def get_queryset(self):
        return super().get_queryset().select_related("service").order_by("zaaktype_url")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            connection=connection_of(self.organisation),
            webhook_url=self.request.build_absolute_uri(reverse("api:zgw_notification")),
            **kwargs,
        )


class ZgwConnectionEditView(ZgwMixin, UpdateView):
    """Create or change the organisation's one connection (no id in the address)."""

    model = ZgwConnection
    form_class = ZgwConnectionForm
    template_name = "outreach/zgw_connection_form.html"

    def get_object(self, queryset=None):
        return connection_of(self.organisation) or ZgwConnection(organisation=self.organisation)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def form_valid(self, form):
        token = zgw_setup.save_connection(form.save(commit=False))
        messages.success(self.request, _("The ZGW connection has been saved."))
        if token:
            return token_shown_once(self.request, token)
        return HttpResponseRedirect(reverse("outreach:zgw"))


def token_shown_once(request, token: str) -> HttpResponse:
    """The answer to the POST that made `token`: the one page that ever shows it.

    gehoord keeps only the digest, so the page is not stored by the browser either."""
    response = render(
        request,
        "outreach/webhook_token.html",
        {
            "token": token,
            "webhook_url": request.build_absolute_uri(reverse("api:zgw_notification")),
            "channel": "zaken",
            "back_url": reverse("outreach:zgw"),
            "back_label": _("Back to the ZGW connection"),
        },
    )
    add_never_cache_headers(response)
    return response


class ZgwTokenView(ZgwMixin, View):
    """POST: a new webhook token in place of the old one, shown once."""

    http_method_names = ["post"]

    def post(self, request):
        connection = connection_of(self.organisation)
        if connection is None:
            messages.error(request, _("Set up the connection first."))
            return HttpResponseRedirect(reverse("outreach:zgw"))
        return token_shown_once(request, zgw_setup.rotate_webhook_token(connection))


class ZgwTestView(ZgwMixin, View):
    """POST: one real request to the configured Zaken API, the outcome as a message."""

    http_method_names = ["post"]

    def post(self, request):
        connection = connection_of(self.organisation)
        if connection is None:
            messages.error(request, _("Set up the connection first."))
        else:
            check = zgw_setup.check_connection(connection)
            (messages.success if check.ok else messages.error)(request, check.message)
        return HttpResponseRedirect(reverse("outreach:zgw"))


class MappingFormMixin(ZgwMixin):
    model = ZaaktypeMapping
    form_class = ZaaktypeMappingForm
    template_name = "outreach/zgw_mapping_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def get_success_url(self) -> str:
        return reverse("outreach:zgw")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The zaaktype has been saved."))
        return response


class MappingCreateView(MappingFormMixin, CreateView):
    pass


class MappingUpdateView(MappingFormMixin, UpdateView):
    pass


class MappingDeleteView(ZgwMixin, SingleObjectMixin, View):
    model = ZaaktypeMapping
    http_method_names = ["post"]

    def post(self, request, pk: int):
        mapping = self.get_object()
        mapping.delete()  # delete(): the audit log records it
        messages.success(request, _("The zaaktype is no longer linked to a service."))
        return HttpResponseRedirect(reverse("outreach:zgw"))
