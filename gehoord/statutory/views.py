"""Staff screens of the statutory survey: the years, the plan, progress, closing and the
outputs (report PDF, delivery file); thin, they call `service`, `query` and `report`."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from gehoord.catalog import query as catalog_query
from gehoord.insights import service as insights_service
from gehoord.outreach import query as outreach_query
from gehoord.tenancy.roles import Capability, role_has
from gehoord.tenancy.scoping import OrganisationScopedMixin

from . import delivery, query, report, service
from .figures import margins_of, representation_rows, weighting_of, year_figures
from .forms import PlanForm
from .models import StatutoryYear, SurveyChannel, YearStatus


class YearMixin(OrganisationScopedMixin):
    model = StatutoryYear
    capability = Capability.VIEW_INSIGHTS

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # The statutory survey reports on the whole organisation (and its plan links any
        # team's actions), so a member limited to teams has no business here.
        catalog_query.require_whole_organisation(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        can_manage = role_has(self.request.membership.role, Capability.MANAGE_PUBLICATION)
        return super().get_context_data(can_manage=can_manage, **kwargs)


class YearListView(YearMixin, ListView):
    template_name = "statutory/list.html"

    def get_queryset(self):
        return query.plans(self.organisation)


class PlanFormMixin(YearMixin):
    capability = Capability.MANAGE_PUBLICATION
    form_class = PlanForm
    template_name = "statutory/plan_form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "organisation": self.organisation}

    def form_valid(self, form: PlanForm) -> HttpResponse:
        self.object = service.save_plan(form)
        messages.success(self.request, _("The plan has been saved."))
        return HttpResponseRedirect(reverse("statutory:detail", args=[self.object.pk]))


class PlanCreateView(PlanFormMixin, CreateView):
    pass


class PlanUpdateView(PlanFormMixin, UpdateView):
    pass


def sample_link(plan: StatutoryYear, rule) -> str:
    """The new-sample screen with this year's rule, period, name and size filled in."""
    values = {
        "rule": rule.pk,
        "name": f"{plan} · {rule.service.name}",
        "events_from": date(plan.year, 1, 1).isoformat(),
        "events_until": date(plan.year, 12, 31).isoformat(),
    }
    if plan.sample_size:
        values["size"] = plan.sample_size
    return f"{reverse('outreach:sample_create')}?{urlencode(values)}"


class YearDetailView(YearMixin, DetailView):
    template_name = "statutory/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        plan = self.object
        progress = query.progress(plan)
        # ?weging=uit shows the figures as answered; otherwise weighted when it can be.
        choice = self.request.GET.get("weging", "")
        weighted = False if choice == "uit" else None
        figures = year_figures(plan, weighted) if plan.status == YearStatus.CLOSED else None
        weighing = figures.weighting if figures else weighting_of(plan)
        representation = representation_rows(weighing, plan.law)
        labels = dict(SurveyChannel.choices)
        rules = list(
            outreach_query.rules_for_questionnaires(
                self.organisation, query.plan_questionnaire_ids(plan)
            )
        )
        # A year's sample is drawn from events of that year or of the year before it
        # (last year's clients are asked early in the year).
        start, end = date(plan.year - 1, 1, 1), date(plan.year, 12, 31)
        return super().get_context_data(
            sample_rules=[(rule, sample_link(plan, rule)) for rule in rules],
            sample_plans=outreach_query.sample_plans_for(
                self.organisation, [rule.pk for rule in rules], start, end
            ),
            progress=progress,
            progress_rows=[
                (week, [counts.get(c, 0) for c in progress.channels])
                for week, counts in progress.weeks
            ],
            channel_totals=[progress.by_channel[c] for c in progress.channels],
            channel_labels=[labels.get(c, c) for c in plan.channels],
            figures=figures,
            weighting=weighing,
            representation=representation,
            under_represented=[row for row in representation if row.under],
            weighting_choice=choice,
            deadline=service.deadline_of(plan),
            layout=delivery.COLUMNS,
            minimum_n=self.organisation.minimum_n,
            **kwargs,
        )


class YearActionView(YearMixin, SingleObjectMixin, View):
    """POST only: start, close, publish or withdraw a year."""

    capability = Capability.MANAGE_PUBLICATION
    http_method_names = ["post"]
    action = ""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.get_object()
        if self.action == "publish" and plan.status != YearStatus.CLOSED:
            messages.error(request, _("Close the year before you publish it."))
        else:
            getattr(service, self.action)(plan)
            messages.success(request, _("Done: %(survey)s.") % {"survey": plan})
        return HttpResponseRedirect(reverse("statutory:detail", args=[plan.pk]))


class ReportPdfView(YearMixin, SingleObjectMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.get_object()
        response = HttpResponse(report.render_pdf(plan), content_type="application/pdf")
        response["Content-Disposition"] = (
            f'inline; filename="jaarverslag-{plan.law}-{plan.year}.pdf"'
        )
        return response


class DeliveryView(YearMixin, SingleObjectMixin, View):
    capability = Capability.EXPORT_DATA

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.get_object()
        if plan.status != YearStatus.CLOSED:
            messages.error(request, _("The delivery file is made once the year is closed."))
            return HttpResponseRedirect(reverse("statutory:detail", args=[plan.pk]))
        figures = year_figures(plan)
        response = HttpResponse(
            delivery.delivery_csv(figures), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{delivery.filename(figures)}"'
        return response


class ResponsesExportView(YearMixin, SingleObjectMixin, View):
    """POST only: the year's responses as a file (CSV, Excel, SPSS), with the weight
    variable when the year has population margins; made by the export worker."""

    capability = Capability.EXPORT_DATA
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = self.get_object()
        parameters = {
            "year": plan.year,
            "questionnaire_ids": query.plan_questionnaire_ids(plan),
            "margins": margins_of(plan),
        }
        try:
            job = insights_service.request_export(
                self.organisation,
                request.user,
                "responses",
                request.POST.get("format", ""),
                parameters,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(reverse("statutory:detail", args=[plan.pk]))
        return HttpResponseRedirect(reverse("insights:export_detail", args=[job.pk]))
