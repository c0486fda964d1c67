"""Sample plan screens (issue 22, item 4): make a stratified sample for an invitation rule
(or for a statutory year, which links here with the year filled in), preview the sizes per
stratum, draw it once, and follow each stratum's responses against its quota. Thin: the
draw and its preview are `sampling`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, DetailView, ListView
from django.views.generic.detail import SingleObjectMixin

from gehoord.pagination import KeepFiltersWhenPaging
from gehoord.tenancy.roles import Capability, role_has
from gehoord.tenancy.scoping import OrganisationScopedMixin

from . import sampling
from .forms import SamplePlanForm
from .models import NotInvitedReason
from .models_sampling import SamplePlan, Stratum


def excluded_in_words(excluded) -> list[tuple[str, int]]:
    labels = {**dict(NotInvitedReason.choices), sampling.ALREADY_INVITED: _("Already invited")}
    return [(str(labels.get(reason, reason)), count) for reason, count in sorted(excluded.items())]


class SamplePlanMixin(OrganisationScopedMixin):
    model = SamplePlan
    capability = Capability.VIEW_OUTREACH

    def get_queryset(self):
        return super().get_queryset().select_related("rule__service", "rule__questionnaire")


class SamplePlanListView(SamplePlanMixin, KeepFiltersWhenPaging, ListView):
    template_name = "outreach/sample_list.html"
    paginate_by = 50

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        can_manage = role_has(self.request.membership.role, Capability.MANAGE_OUTREACH)
        return super().get_context_data(can_manage=can_manage, **kwargs)


class SamplePlanCreateView(SamplePlanMixin, CreateView):
    capability = Capability.MANAGE_OUTREACH
    form_class = SamplePlanForm
    template_name = "outreach/sample_form.html"

    def get_initial(self) -> dict[str, Any]:
        # A statutory year links here with its rule, period and name filled in.
        wanted = ("rule", "name", "events_from", "events_until", "size")
        return {key: self.request.GET[key] for key in wanted if self.request.GET.get(key)}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "organisation": self.request.organisation}

    def form_valid(self, form: SamplePlanForm) -> HttpResponse:
        self.object = form.save()
        messages.success(self.request, _("The sample plan has been saved. Check the preview."))
        return HttpResponseRedirect(reverse("outreach:sample_detail", args=[self.object.pk]))


class SamplePlanDetailView(SamplePlanMixin, DetailView):
    template_name = "outreach/sample_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        plan = self.object
        labels = dict(Stratum.choices)
        context: dict[str, Any] = {
            "strata_labels": [str(labels.get(s, s)) for s in plan.strata],
            "can_manage": role_has(self.request.membership.role, Capability.MANAGE_OUTREACH),
        }
        if plan.drawn_at is None:
            preview = sampling.preview(plan, timezone.now())
            context.update(preview=preview, excluded=excluded_in_words(preview.excluded))
        else:
            context["progress"] = sampling.stratum_progress(plan)
        return super().get_context_data(**context, **kwargs)


class SamplePlanDrawView(SamplePlanMixin, SingleObjectMixin, View):
    """POST only: draw the sample and schedule its invitations (once)."""

    capability = Capability.MANAGE_OUTREACH
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.get_object()
        try:
            invitations = sampling.draw(plan, timezone.now())
        except ValueError:
            messages.error(request, _("This sample has been drawn already."))
        else:
            messages.success(
                request,
                _("The sample has been drawn: %(count)d invitations are scheduled.")
                % {"count": len(invitations)},
            )
        return HttpResponseRedirect(reverse("outreach:sample_detail", args=[plan.pk]))
