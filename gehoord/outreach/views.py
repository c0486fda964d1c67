"""Outreach screens: rules with their counts and response rate, today's queue, events."""

from datetime import date, timedelta

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import (
    CreateView,
    DetailView,
    FormView,
    ListView,
    TemplateView,
    UpdateView,
)

from gehoord.contacts import query as contacts_query
from gehoord.pagination import KeepFiltersWhenPaging
from gehoord.tenancy.roles import Capability, role_has
from gehoord.tenancy.scoping import OrganisationScopedMixin, require_capability

from . import letters, query, service
from .forms import EventUploadForm, InvitationRuleForm, PanelInviteForm
from .models import (
    Channel,
    EventImport,
    ImportStatus,
    InvitationRule,
    InvitationStatus,
    ServiceEvent,
)


def status_counts(prefix: str = "invitations__") -> dict:
    """Count annotations per invitation status (one aggregate query for all rules)."""
    counts = {
        status.value: Count(f"{prefix}pk", filter=Q(**{f"{prefix}status": status}))
        for status in InvitationStatus
    }
    counts["delivered"] = Count(f"{prefix}pk", filter=Q(**{f"{prefix}status__in": query.DELIVERED}))
    return counts


def response_rate(responded: int, delivered: int) -> float | None:
    return round(100 * responded / delivered, 1) if delivered else None


BREAKDOWNS = [
    (gettext_lazy("By channel"), "channel"),
    (gettext_lazy("By service"), "rule__service__name"),
    (gettext_lazy("By provider"), "event__provider__name"),
]


def rate_breakdown(organisation, field: str) -> list[dict]:
    """Delivered, answered and response rate per value of `field` (one grouped query)."""
    rows = (
        query.invitations(organisation)
        .filter(status__in=query.DELIVERED)
        .values(field)
        .annotate(**status_counts(prefix=""))
        .order_by(field)
    )
    labels = dict(Channel.choices) if field == "channel" else {}
    return [
        {
            "label": labels.get(row[field], row[field]) or "–",
            "delivered": row["delivered"],
            "responded": row["responded"],
            "rate": response_rate(row["responded"], row["delivered"]),
        }
        for row in rows
    ]


class OutreachView(TemplateView):
    template_name = "outreach/overview.html"

    def dispatch(self, request, *args, **kwargs):
        require_capability(request, Capability.VIEW_OUTREACH)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        organisation = self.request.organisation
        rules = list(query.rules(organisation).annotate(**status_counts()))
        for rule in rules:
            rule.rate = response_rate(rule.responded, rule.delivered)
        start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        queue = (
            query.invitations(organisation)
            .filter(status=InvitationStatus.SCHEDULED, due_at__lt=start + timedelta(days=1))
            .select_related("rule__service")
            .order_by("due_at")[:50]
        )
        totals = query.invitations(organisation).aggregate(**status_counts(prefix=""))
        breakdowns = [(title, rate_breakdown(organisation, field)) for title, field in BREAKDOWNS]
        return super().get_context_data(
            rules=rules,
            queue=queue,
            totals=totals,
            breakdowns=breakdowns,
            total_rate=response_rate(totals["responded"], totals["delivered"]),
            can_manage=role_has(self.request.membership.role, Capability.MANAGE_OUTREACH),
            **kwargs,
        )


class RuleFormMixin(OrganisationScopedMixin):
    capability = Capability.MANAGE_OUTREACH
    model = InvitationRule
    form_class = InvitationRuleForm
    template_name = "outreach/rule_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.request.organisation}

    def get_success_url(self) -> str:
        return reverse("outreach:overview")

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The invitation rule has been saved."))
        return response


class RuleCreateView(RuleFormMixin, CreateView):
    pass


class RuleUpdateView(RuleFormMixin, UpdateView):
    pass


class EventListView(OrganisationScopedMixin, KeepFiltersWhenPaging, ListView):
    capability = Capability.VIEW_OUTREACH
    model = ServiceEvent
    template_name = "outreach/event_list.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            query.events(self.request.organisation)
            .select_related("provider", "team")
            .annotate(invitation_count=Count("invitations"))
            .order_by("-occurred_on", "-pk")
        )


class EventUploadView(FormView):
    form_class = EventUploadForm
    template_name = "outreach/upload.html"

    def dispatch(self, request, *args, **kwargs):
        require_capability(request, Capability.MANAGE_OUTREACH)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        recent = EventImport.objects.for_organisation(self.request.organisation)[:10]
        return super().get_context_data(recent=recent, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        job = service.start_event_import(
            self.request.organisation, upload.name, upload.read(), self.request.user
        )
        return HttpResponseRedirect(reverse("outreach:import_detail", args=[job.pk]))


class EventImportView(OrganisationScopedMixin, DetailView):
    """Progress and the per-row report; refreshes itself while the import runs."""

    capability = Capability.MANAGE_OUTREACH
    model = EventImport
    template_name = "outreach/import_detail.html"
    context_object_name = "job"

    def get_queryset(self):
        return super().get_queryset().defer("content")

    def get_template_names(self):
        if self.request.htmx:
            return ["outreach/includes/import_status.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        running = self.object.status in (ImportStatus.WAITING, ImportStatus.RUNNING)
        return super().get_context_data(running=running, **kwargs)


class LettersView(TemplateView):
    """Days with letters, and the day's printable PDF (?dag=YYYY-MM-DD)."""

    template_name = "outreach/letters_list.html"

    def dispatch(self, request, *args, **kwargs):
        require_capability(request, Capability.MANAGE_OUTREACH)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        wanted = request.GET.get("dag")
        if wanted:
            try:
                day = date.fromisoformat(wanted)
            except ValueError:
                raise Http404 from None
            invitations = list(letters.letters_of_day(request.organisation, day))
            if not invitations:
                raise Http404
            try:
                pdf = letters.render_pdf(request.organisation, invitations)
            except letters.PdfUnavailable:
                messages.error(
                    request,
                    _(
                        "PDF letters cannot be made on this server: the "
                        "system library Pango is missing."
                    ),
                )
                return HttpResponseRedirect(reverse("outreach:letters"))
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = f'attachment; filename="brieven-{day}.pdf"'
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            days=letters.letter_days(self.request.organisation), **kwargs
        )


class PanelInviteView(FormView):
    """Invite a selection of the panel to a questionnaire."""

    form_class = PanelInviteForm
    template_name = "outreach/panel_invite.html"

    def dispatch(self, request, *args, **kwargs):
        require_capability(request, Capability.MANAGE_OUTREACH)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = {**super().get_form_kwargs(), "organisation": self.request.organisation}
        if self.request.method == "GET" and self.request.GET:
            kwargs["initial"] = self.request.GET.dict()
        return kwargs

    def selection(self, data: dict):
        return contacts_query.panel(
            self.request.organisation,
            district=data.get("district", ""),
            age_band=data.get("age_band", ""),
        )

    def get_context_data(self, **kwargs):
        form = kwargs.get("form") or self.get_form()
        data = {k: form[k].value() or "" for k in ("district", "age_band")}
        return super().get_context_data(selected=self.selection(data).count(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        count = service.invite_panel(
            self.request.organisation,
            data["questionnaire"],
            self.selection(data),
            channels=data["channels"],
        )
        messages.success(
            self.request, _("%(count)d panel members will be invited.") % {"count": count}
        )
        return HttpResponseRedirect(reverse("outreach:overview"))
