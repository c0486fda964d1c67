"""The population margins of a statutory year: typed in, or counted from the contact
register and events; thin, it calls `margins`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView
from django.views.generic.detail import SingleObjectMixin
from django.views.generic.edit import FormMixin

from gehoord.tenancy.roles import Capability
from gehoord.tenancy.scoping import require_capability

from . import margins
from .figures import margins_of
from .forms import MarginsForm
from .models import MarginDimension, MarginSource, PopulationMargin
from .views import YearMixin


class MarginsView(YearMixin, FormMixin, DetailView):
    template_name = "statutory/margins.html"
    form_class = MarginsForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "initial_counts": margins_of(self.object)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        sources = dict(
            PopulationMargin.objects.for_organisation(self.organisation)
            .filter(year=self.object)
            .values_list("source")
            .annotate(n=Count("pk"))
            .values_list("source", "n")
        )
        labels = dict(MarginSource.choices)
        return super().get_context_data(
            sources=[(labels[key], n) for key, n in sorted(sources.items())], **kwargs
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        require_capability(request, Capability.MANAGE_PUBLICATION)
        self.object = self.get_object()
        form = self.get_form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        for dimension in MarginDimension.values:
            margins.set_margins(self.object, dimension, form.cleaned_data["parsed"][dimension])
        messages.success(request, _("The numbers of the population have been saved."))
        return HttpResponseRedirect(reverse("statutory:detail", args=[pk]))


class ComputeMarginsView(YearMixin, SingleObjectMixin, View):
    """POST only: count the margins from the contact register and events."""

    capability = Capability.MANAGE_PUBLICATION
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.get_object()
        counts = margins.compute_margins(plan)
        if counts:
            messages.success(request, _("The numbers have been counted from the register."))
        else:
            messages.error(
                request,
                _("Nobody in the register had an event of this year's services in %(year)s.")
                % {"year": plan.year},
            )
        return HttpResponseRedirect(reverse("statutory:margins", args=[plan.pk]))
