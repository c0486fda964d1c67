"""Staff screens for improvement actions: list, create/edit, detail with the effect."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from gehoord.catalog import query as catalog_query
from gehoord.pagination import KeepFiltersWhenPaging
from gehoord.tenancy.roles import Capability, role_has
from gehoord.tenancy.scoping import OrganisationScopedMixin

from . import query, service, signal_picker
from .effect import MONTHS_BEFORE, effect_of
from .forms import ActionForm
from .models import FINISHED, Action, Status


def can_manage(request) -> bool:
    return role_has(request.membership.role, Capability.MANAGE_IMPROVEMENT)


class ActionListView(OrganisationScopedMixin, KeepFiltersWhenPaging, ListView):
    capability = Capability.VIEW_IMPROVEMENT
    model = Action
    template_name = "improvement/action_list.html"
    paginate_by = 25

    def get_queryset(self):
        queryset = query.actions(self.request.organisation)
        get = self.request.GET
        if get.get("status") in Status.values:
            queryset = queryset.filter(status=get["status"])
        if get.get("team", "").isdigit():
            queryset = queryset.filter(team_id=int(get["team"]))
        if get.get("geblokkeerd") == "1":
            queryset = queryset.filter(blocked=True)
        if get.get("q", "").strip():
            queryset = queryset.filter(title__icontains=get["q"].strip())
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            statuses=Status.choices,
            teams=self.limited(catalog_query.active_teams(self.request.organisation)),
            chosen={k: self.request.GET.get(k, "") for k in ("status", "team", "geblokkeerd", "q")},
            can_manage=can_manage(self.request),
            **kwargs,
        )


class ActionFormMixin:
    capability = Capability.MANAGE_IMPROVEMENT
    model = Action
    form_class = ActionForm
    template_name = "improvement/action_form.html"

    def get_form_kwargs(self):
        search = self.request.POST.get(signal_picker.SEARCH_FIELD, "")
        return {
            **super().get_form_kwargs(),
            "organisation": self.request.organisation,
            "membership": self.request.membership,
            "signal_search": search if signal_picker.SEARCH_BUTTON in self.request.POST else "",
        }

    def post(self, request, *args, **kwargs):
        if signal_picker.SEARCH_BUTTON not in request.POST:
            return super().post(request, *args, **kwargs)
        # The search button without JavaScript: show the form again as filled in, with the
        # matches added, and save nothing (so no errors about fields not filled in yet).
        self.object = self.get_object() if "pk" in self.kwargs else None
        form_kwargs = self.get_form_kwargs()
        data = form_kwargs.pop("data")
        form_kwargs.pop("files", None)
        form_kwargs["initial"] = {
            name: data.getlist(name) if name in ("signals", "waits_for") else data.get(name)
            for name in data
            if name in self.get_form_class().base_fields
        }
        form = self.get_form_class()(**form_kwargs)
        return self.render_to_response(self.get_context_data(form=form))

    def form_valid(self, form):
        action = form.save(commit=False)
        self.object = service.save_action(action, signals=form.cleaned_data["signals"])
        self.object.waits_for.set(form.cleaned_data["waits_for"])
        messages.success(self.request, _("The action has been saved."))
        return HttpResponseRedirect(reverse("improvement:action_detail", args=[self.object.pk]))


class SignalSearchView(OrganisationScopedMixin, View):
    """The signal picker's matches as a small HTML fragment (htmx swaps it in)."""

    capability = Capability.MANAGE_IMPROVEMENT

    def get(self, request):
        search = request.GET.get(signal_picker.SEARCH_FIELD, "")
        matches = signal_picker.matches_for(
            request.organisation, search, request.GET.getlist("signals"), request.membership
        )
        return render(
            request,
            "improvement/includes/signal_matches.html",
            {"matches": matches, "search": search, "name": "signals"},
        )


class ActionCreateView(OrganisationScopedMixin, ActionFormMixin, CreateView):
    pass


class ActionUpdateView(OrganisationScopedMixin, ActionFormMixin, UpdateView):
    pass


class ActionDetailView(OrganisationScopedMixin, DetailView):
    capability = Capability.VIEW_IMPROVEMENT
    model = Action
    template_name = "improvement/action_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related(
                "owner", "team", "indicator", "driver", "theme", "provider", "weak_question"
            )
        )

    def get_context_data(self, **kwargs):
        action = self.object
        effect = None
        if action.status in FINISHED and action.done_on and action.indicator_id:
            effect = effect_of(
                self.request.organisation,
                action.indicator.code,
                action.done_on,
                action.effect_months,
                team_id=action.team_id,
                provider_id=action.provider_id,
            )
        return super().get_context_data(
            effect=effect,
            effect_months_before=MONTHS_BEFORE,
            statuses=Status.choices,
            can_manage=can_manage(self.request),
            signals=list(action.signals.all()[:20]),
            waits_for=list(action.waits_for.all()),
            **kwargs,
        )


class ActionStatusView(OrganisationScopedMixin, SingleObjectMixin, View):
    """Status and blocker changes by plain form buttons (the board needs no dragging)."""

    capability = Capability.MANAGE_IMPROVEMENT
    model = Action
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        action = self.get_object()
        try:
            if "blocker" in request.POST:
                service.set_blocker(action, request.POST.get("blocker", "")[:300])
                messages.success(request, _("The blocker has been saved."))
            else:
                service.change_status(action, request.POST.get("status", ""))
                messages.success(
                    request,
                    _("“%(title)s” is now: %(status)s.")
                    % {"title": action.title, "status": action.get_status_display()},
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}):
            target = reverse("improvement:action_detail", args=[action.pk])
        return HttpResponseRedirect(target)
