"""The Open Klant connection screen for administrators: where klantcontacten come from, and
the webhook token Open Notificaties calls gehoord with (shown once)."""

from django.contrib import messages
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import UpdateView

from . import query, zgw_setup
from .forms_openklant import OpenKlantConnectionForm
from .models import OpenKlantConnection
from .views_zgw import ZgwMixin


def connection_of(organisation) -> OpenKlantConnection | None:
    return OpenKlantConnection.objects.for_organisation(organisation).first()


def token_shown_once(request, token: str) -> HttpResponse:
    """The answer to the POST that made `token`; gehoord keeps only its digest."""
    response = render(
        request,
        "outreach/webhook_token.html",
        {
            "token": token,
            "webhook_url": request.build_absolute_uri(reverse("api:open_klant_notification")),
            "channel": "klantcontacten",
            "back_url": reverse("outreach:openklant"),
            "back_label": _("Back to the Open Klant connection"),
        },
    )
    add_never_cache_headers(response)
    return response


class OpenKlantConnectionView(ZgwMixin, UpdateView):
    """Create or change the organisation's one Open Klant connection."""

    model = OpenKlantConnection
    form_class = OpenKlantConnectionForm
    template_name = "outreach/openklant_form.html"

    def get_object(self, queryset=None):
        return connection_of(self.organisation) or OpenKlantConnection(
            organisation=self.organisation
        )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            webhook_url=self.request.build_absolute_uri(reverse("api:open_klant_notification")),
            connected=query.has_open_klant(self.organisation),
            **kwargs,
        )

    def form_valid(self, form):
        token = zgw_setup.save_connection(form.save(commit=False))
        messages.success(self.request, _("The Open Klant connection has been saved."))
        if token:
            return token_shown_once(self.request, token)
        return HttpResponseRedirect(reverse("outreach:openklant"))


class OpenKlantTokenView(ZgwMixin, View):
    """POST: a new webhook token in place of the old one, shown once."""

    http_method_names = ["post"]

    def post(self, request):
        connection = connection_of(self.organisation)
        if connection is None:
            messages.error(request, _("Set up the connection first."))
            return HttpResponseRedirect(reverse("outreach:openklant"))
        return token_shown_once(request, zgw_setup.rotate_webhook_token(connection))
