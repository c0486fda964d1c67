"""Staff screens for signals: list with deadlines (overdue, due soon), intake, case screen."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView

from gehoord.catalog import query as catalog_query
from gehoord.pagination import KeepFiltersWhenPaging
from gehoord.tenancy.roles import Capability, role_has
from gehoord.tenancy.scoping import OrganisationScopedMixin, require_capability

from . import query, service
from .forms import DecisionForm, FeedbackSettingsForm, SignalForm, UploadForm
from .models import Signal, SignalKind

STATUS_FILTERS = {
    "open": gettext_lazy("Open"),
    "te-laat": gettext_lazy("Overdue"),
    "binnenkort": gettext_lazy("Due soon"),
    "afgehandeld": gettext_lazy("Decided"),
}

# "sorteer": newest first or by deadline; without it, open signals go by deadline.
SORTS = {"nieuw": False, "termijn": True}
CHOSEN = ("status", "soort", "dienst", "q", "sorteer")
SORT_CHOICES = [("nieuw", gettext_lazy("Newest first")), ("termijn", gettext_lazy("By deadline"))]


class SignalListView(OrganisationScopedMixin, KeepFiltersWhenPaging, ListView):
    capability = Capability.VIEW_SIGNALS
    model = Signal
    template_name = "feedback/signal_list.html"
    paginate_by = 50

    def get_queryset(self):
        get = self.request.GET
        service = get.get("dienst", "")
        return query.signal_list(
            self.request.organisation,
            status=get.get("status", ""),
            kind=get["soort"] if get.get("soort") in SignalKind.values else "",
            service_id=int(service) if service.isdigit() else None,
            search=get.get("q", ""),
            by_deadline=SORTS.get(get.get("sorteer", "")),
        )

    def get_context_data(self, **kwargs):
        organisation = self.request.organisation
        today = timezone.localdate()
        warn_until = query.warning_date(organisation, today)
        due_soon = query.due_soon_signals(organisation, today, until=warn_until)
        context = super().get_context_data(
            today=today,
            warn_until=warn_until,
            overdue_count=self.limited(query.overdue_signals(organisation, today)).count(),
            due_soon_count=self.limited(due_soon).count(),
            statuses=STATUS_FILTERS.items(),
            kinds=SignalKind.choices,
            services=catalog_query.active_services(organisation),
            chosen={
                k: self.request.GET.get(k, "")
                for k in ("status", "soort", "dienst", "q", "sorteer")
            },
            sorts=SORT_CHOICES,
            can_manage=role_has(self.request.membership.role, Capability.MANAGE_SIGNALS),
            **kwargs,
        )
        # The previews of this page only, masked: the full text is on the case screen.
        context["object_list"] = list(context["object_list"])
        query.mask_previews(context["object_list"], organisation)
        return context


class SignalFormMixin(OrganisationScopedMixin):
    """What registering and editing a signal share: who may, and the organisation's form."""

    capability = Capability.MANAGE_SIGNALS
    model = Signal
    form_class = SignalForm
    template_name = "feedback/signal_form.html"

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organisation": self.request.organisation,
            "membership": self.request.membership,
        }


class SignalCreateView(SignalFormMixin, CreateView):
    def form_valid(self, form):
        data = {
            k: v for k, v in form.cleaned_data.items() if k not in ("kind", "text", "received_on")
        }
        self.object = service.record_signal(
            self.request.organisation,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
            received_on=form.cleaned_data["received_on"],
            created_by=self.request.user,
            **data,
        )
        messages.success(self.request, _("The signal has been registered."))
        return HttpResponseRedirect(reverse("feedback:signal_detail", args=[self.object.pk]))


class SignalUpdateView(SignalFormMixin, UpdateView):
    def form_valid(self, form):
        self.object = service.save_signal(form.save(commit=False))
        messages.success(self.request, _("The signal has been saved."))
        return HttpResponseRedirect(reverse("feedback:signal_detail", args=[self.object.pk]))


class SignalDetailView(OrganisationScopedMixin, DetailView):
    """The case screen: full text, deadline, extension and decision."""

    capability = Capability.VIEW_SIGNALS
    model = Signal
    template_name = "feedback/signal_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("service", "team", "provider", "stage")

    def get_context_data(self, **kwargs):
        signal = self.object
        today = timezone.localdate()
        warn_until = query.warning_date(self.request.organisation, today)
        kwargs.setdefault("decision_form", DecisionForm(signal=signal))
        return super().get_context_data(
            today=today,
            overdue=signal.is_open and signal.due_on and signal.due_on < today,
            due_soon=signal.is_open and signal.due_on and today <= signal.due_on <= warn_until,
            can_manage=role_has(self.request.membership.role, Capability.MANAGE_SIGNALS),
            codes=list(signal.codings.select_related("theme")),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        self.object = signal = self.get_object()
        if not role_has(request.membership.role, Capability.MANAGE_SIGNALS):
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "extend" and signal.is_open and not signal.extended and signal.due_on:
            service.extend_term(signal)
            messages.success(request, _("The term has been extended."))
        elif action == "decide":
            form = DecisionForm(request.POST, signal=signal)
            if not form.is_valid():
                return self.render_to_response(
                    self.get_context_data(decision_form=form), status=400
                )
            service.decide_signal(
                signal, form.cleaned_data["outcome"], form.cleaned_data["decided_on"]
            )
            messages.success(request, _("The decision has been recorded."))
        return HttpResponseRedirect(reverse("feedback:signal_detail", args=[signal.pk]))


class SettingsView(UpdateView):
    """Deadlines, the low-grade threshold and the public form, per organisation."""

    form_class = FeedbackSettingsForm
    template_name = "feedback/settings.html"

    def dispatch(self, request, *args, **kwargs):
        require_capability(request, Capability.MANAGE_FEEDBACK_SETTINGS)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return service.settings_of(self.request.organisation)

    def get_success_url(self) -> str:
        messages.success(
            self.request,
            _(
                "The settings have been saved. New deadlines apply "
                "to signals registered or changed from now on."
            ),
        )
        return reverse("feedback:settings")


class ImportView(FormView):
    """Upload a CSV of signals; the report shows every row with a problem."""

    form_class = UploadForm
    template_name = "feedback/import.html"

    def dispatch(self, request, *args, **kwargs):
        require_capability(request, Capability.MANAGE_SIGNALS)
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        from .csv_import import import_signals

        try:
            report = import_signals(self.request.organisation, form.cleaned_data["file"])
        except ValueError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        return self.render_to_response(
            self.get_context_data(form=form, report=report), status=200 if report.imported else 400
        )
