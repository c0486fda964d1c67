"""The CX maturity scan: start a scan, fill it in (every staff member), see the radar."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, ListView
from django.views.generic.detail import SingleObjectMixin

from gehoord.insights.charts import radar as radar_chart
from gehoord.tenancy.roles import Capability
from gehoord.tenancy.scoping import OrganisationScopedMixin

from . import maturity, query, service
from .forms import AnswerForm, ScanForm
from .models import MaturityAnswer, MaturityScan
from .pillars import PILLARS, statements_of
from .views_actions import can_manage


class ScanListView(OrganisationScopedMixin, ListView):
    capability = Capability.VIEW_IMPROVEMENT
    model = MaturityScan
    template_name = "improvement/scan_list.html"

    def get_queryset(self):
        return query.scans(self.request.organisation)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            can_manage=can_manage(self.request), form=ScanForm(), **kwargs
        )

    def post(self, request, *args, **kwargs):
        if not can_manage(request):
            return HttpResponseRedirect(reverse("improvement:scans"))
        form = ScanForm(request.POST)
        if not form.is_valid():
            self.object_list = self.get_queryset()
            context = self.get_context_data()
            context["form"] = form
            return self.render_to_response(context, status=400)
        scan = service.start_scan(
            request.organisation,
            form.cleaned_data["held_on"],
            form.targets(),
            form.cleaned_data["title"],
        )
        messages.success(
            request, _("The scan has been started. Ask your colleagues to fill it in.")
        )
        return HttpResponseRedirect(reverse("improvement:scan_detail", args=[scan.pk]))


class ScanDetailView(OrganisationScopedMixin, DetailView):
    capability = Capability.VIEW_IMPROVEMENT
    model = MaturityScan
    template_name = "improvement/scan_detail.html"

    def get_context_data(self, **kwargs):
        scan, scans = self.object, query.scans(self.request.organisation)
        shown = list(scans.filter(held_on__lte=scan.held_on)[:6])
        earlier_scan = next((s for s in shown if s.held_on < scan.held_on), None)
        if earlier_scan is None and len(shown) == 6:
            # More scans on this scan's day than the history holds: look further back.
            earlier_scan = scans.filter(held_on__lt=scan.held_on).first()
        # Scores cost a query per scan: compute each scan's once, whether it appears in the
        # history, as this scan or as the one before.
        needed = {s.pk: s for s in (*shown, scan, earlier_scan) if s is not None}
        scored = {pk: maturity.scores(s) for pk, s in needed.items()}
        current = scored[scan.pk]
        earlier = scored[earlier_scan.pk] if earlier_scan else None
        history = [(s, scored[s.pk]) for s in shown]
        return super().get_context_data(
            scores=current,
            radar=radar_chart.maturity_radar(
                [s.name for s in current],
                [s.mean for s in current],
                [s.target for s in current],
                [s.mean for s in earlier] if earlier else None,
            ),
            earlier_scan=earlier_scan,
            respondents=maturity.respondent_count(scan),
            history=history,
            pillars=list(PILLARS.values()),
            **kwargs,
        )


class ScanAnswerView(OrganisationScopedMixin, SingleObjectMixin, FormView):
    capability = Capability.VIEW_IMPROVEMENT
    model = MaturityScan
    template_name = "improvement/scan_answer.html"
    form_class = AnswerForm

    def get_object(self, queryset=None):
        if not hasattr(self, "_scan"):
            self._scan = super().get_object(queryset)
        return self._scan

    def get_form_kwargs(self):
        self.object = self.get_object()
        earlier = dict(
            MaturityAnswer.objects.filter(
                scan=self.object, respondent=self.request.user
            ).values_list("statement", "level")
        )
        return {**super().get_form_kwargs(), "initial_levels": earlier}

    def get_context_data(self, **kwargs):
        # FormMixin would build the form again on GET unless it is passed in.
        form = kwargs.setdefault("form", self.get_form())
        groups = [
            (name, [form[s.code] for s in statements_of(code)]) for code, name in PILLARS.items()
        ]
        return super().get_context_data(groups=groups, **kwargs)

    def form_valid(self, form):
        try:
            service.answer_scan(self.object, self.request.user, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
            return self.form_invalid(form)
        messages.success(self.request, _("Thank you. Your answers have been saved."))
        return HttpResponseRedirect(reverse("improvement:scan_detail", args=[self.object.pk]))
