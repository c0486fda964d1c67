"""Staff screens for the catalogue: one list/create/edit/archive set per record type.

The four record types behave the same, so one set of generic views is configured per type
in urls.py; only journeys add an inline list of stages.
"""

from django.contrib import messages
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, ListView, UpdateView

from gehoord.pagination import KeepFiltersWhenPaging
from gehoord.tenancy.roles import Capability, role_has
from gehoord.tenancy.scoping import OrganisationScopedMixin

from . import service
from .forms import StageFormSet


class CatalogMixin(OrganisationScopedMixin):
    """Shared configuration: `kind` names the URL prefix, e.g. "service"."""

    kind: str = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meta = self.model._meta
        context.update(
            kind=self.kind,
            verbose_name=meta.verbose_name,
            verbose_name_plural=meta.verbose_name_plural,
            list_url=reverse(f"catalog:{self.kind}_list"),
            create_url=reverse(f"catalog:{self.kind}_create"),
            can_manage=role_has(self.request.membership.role, Capability.MANAGE_CATALOG),
        )
        return context


class CatalogListView(CatalogMixin, KeepFiltersWhenPaging, ListView):
    template_name = "catalog/list.html"
    paginate_by = 25
    # Extra relations shown in the list, loaded up front to avoid a query per row.
    prefetch: tuple[str, ...] = ()
    select: tuple[str, ...] = ()

    def get_queryset(self):
        queryset = super().get_queryset()
        self.show_archived = self.request.GET.get("archief") == "1"
        queryset = queryset.filter(archived_at__isnull=not self.show_archived)
        self.search = self.request.GET.get("q", "").strip()[:100]
        if self.search:
            queryset = queryset.filter(
                Q(name__icontains=self.search) | Q(description__icontains=self.search)
            )
        return queryset.select_related(*self.select).prefetch_related(*self.prefetch)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            show_archived=self.show_archived, search=self.search, **kwargs
        )


class CatalogFormMixin(CatalogMixin):
    capability = Capability.MANAGE_CATALOG
    template_name: str | None = "catalog/form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.request.organisation}

    def get_success_url(self) -> str:
        return reverse(f"catalog:{self.kind}_list")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("“%(name)s” has been saved.") % {"name": self.object})
        return response


class CatalogCreateView(CatalogFormMixin, CreateView):
    pass


class CatalogUpdateView(CatalogFormMixin, UpdateView):
    pass


class JourneyFormMixin:
    """Journeys are edited together with their stages; both are saved, or neither."""

    template_name: str | None = "catalog/journey_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("stages", self.stage_formset())
        return context

    def stage_formset(self):
        data = self.request.POST if self.request.method == "POST" else None
        return StageFormSet(data, instance=getattr(self, "object", None), prefix="stages")

    def form_valid(self, form):
        stages = self.stage_formset()
        if not stages.is_valid():
            return self.render_to_response(self.get_context_data(form=form, stages=stages))
        self.object = service.save_journey(form, stages)
        messages.success(self.request, _("“%(name)s” has been saved.") % {"name": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form):
        # Validate the stages too, so every error is shown at once.
        stages = self.stage_formset()
        stages.is_valid()
        return self.render_to_response(self.get_context_data(form=form, stages=stages))


class JourneyCreateView(JourneyFormMixin, CatalogCreateView):
    pass


class JourneyUpdateView(JourneyFormMixin, CatalogUpdateView):
    pass


class CatalogArchiveView(CatalogMixin, View):
    """POST only: archive (or with restore=True, bring back) one record."""

    capability = Capability.MANAGE_CATALOG
    http_method_names = ["post"]
    model = None
    restore = False

    def get_queryset(self):
        return self.model.objects.for_organisation(self.request.organisation)

    def post(self, request, pk: int):
        record = get_object_or_404(self.get_queryset(), pk=pk)
        if self.restore:
            service.restore(record)
            messages.success(request, _("“%(name)s” is active again.") % {"name": record})
        else:
            service.archive(record)
            messages.success(request, _("“%(name)s” has been archived.") % {"name": record})
        return HttpResponseRedirect(reverse(f"catalog:{self.kind}_list"))
