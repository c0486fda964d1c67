"""The follow-up queue of team leads and the follow-up screen (call log, message back)."""

from datetime import timedelta

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, ListView

from gehoord.catalog import query as catalog_query
from gehoord.outreach import query as outreach_query
from gehoord.pagination import KeepFiltersWhenPaging
from gehoord.surveys import query as surveys_query
from gehoord.tenancy import service as tenancy_service
from gehoord.tenancy.roles import Capability
from gehoord.tenancy.scoping import OrganisationScopedMixin

from . import query, service
from .forms import CallForm, CloseForm, MessageForm
from .models import FollowUp, FollowUpStatus
from .views_staff import SORT_CHOICES, SORTS

QUEUE_FILTERS = {
    "": gettext_lazy("All open"),
    "mijn": gettext_lazy("Mine"),
    "niet-toegewezen": gettext_lazy("Not assigned"),
    "te-laat": gettext_lazy("Overdue"),
    "gesloten": gettext_lazy("Closed"),
}


class FollowUpListView(OrganisationScopedMixin, KeepFiltersWhenPaging, ListView):
    capability = Capability.HANDLE_FOLLOW_UPS
    model = FollowUp
    template_name = "feedback/followup_list.html"
    paginate_by = 50

    def get_queryset(self):
        get = self.request.GET
        team = get.get("team", "")
        return query.follow_up_list(
            self.request.organisation,
            queue=get.get("filter", ""),
            team_id=int(team) if team.isdigit() else None,  # a team lead's own team
            owner=self.request.user,
            search=get.get("q", ""),
            by_deadline=SORTS.get(get.get("sorteer", "")),
        )

    def get_context_data(self, **kwargs):
        organisation = self.request.organisation
        since = timezone.localdate() - timedelta(days=90)
        context = super().get_context_data(
            filters=QUEUE_FILTERS.items(),
            chosen=self.request.GET.get("filter", ""),
            teams=self.limited(catalog_query.active_teams(organisation)),
            chosen_team=self.request.GET.get("team", ""),
            search=self.request.GET.get("q", ""),
            chosen_sort=self.request.GET.get("sorteer", ""),
            sorts=SORT_CHOICES,
            today=timezone.localdate(),
            in_time=query.handled_in_time(
                organisation, since=since, membership=self.request.membership
            ),
            open_count=self.limited(query.open_follow_ups(organisation)).count(),
            **kwargs,
        )
        # The page's previews, masked: a signal's text, else a response's open answer (one
        # read per page); the register's names are read once for both.
        page = context["object_list"] = list(context["object_list"])
        names = query.mask_previews(page, organisation)
        wanted = [f.response_id for f in page if f.response_id and not f.preview]
        found = (
            surveys_query.grades_and_snippets(organisation, wanted, names=names) if wanted else {}
        )
        for follow_up in page:
            if not follow_up.preview and follow_up.response_id in found:
                follow_up.preview = found[follow_up.response_id][1]
        return context


class FollowUpDetailView(OrganisationScopedMixin, DetailView):
    capability = Capability.HANDLE_FOLLOW_UPS
    model = FollowUp
    template_name = "feedback/followup_detail.html"
    context_object_name = "follow_up"

    def get_queryset(self):
        return (
            super().get_queryset().select_related("service", "team", "owner", "signal", "response")
        )

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.object.has_contact_details or self.object.contact_name:
            # Only then does the page show who the resident is; otherwise nothing is read.
            tenancy_service.record_read(request, self.object, tenancy_service.ReadKind.FOLLOW_UP)
        return response

    def get_context_data(self, **kwargs):
        from gehoord.surveys import query as surveys_query

        follow_up = self.object
        answers = surveys_query.readable_answers(follow_up.response) if follow_up.response else []
        kwargs.setdefault("call_form", CallForm())
        kwargs.setdefault("close_form", CloseForm())
        kwargs.setdefault(
            "message_form",
            MessageForm(
                initial={"message": follow_up.message_back or _("You told us … We have …")}
            ),
        )
        return super().get_context_data(
            answers=answers,
            calls=follow_up.calls.select_related("by"),
            today=timezone.localdate(),
            is_closed=follow_up.status == FollowUpStatus.CLOSED,
            open_klant=outreach_query.has_open_klant(self.request.organisation),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        self.object = follow_up = self.get_object()
        action = request.POST.get("action")
        url = reverse("feedback:followup_detail", args=[follow_up.pk])
        if follow_up.status == FollowUpStatus.CLOSED:
            messages.error(request, _("This follow-up is closed."))
            return HttpResponseRedirect(url)
        if action == "assign":
            service.assign(follow_up, request.user)
            messages.success(request, _("You are now the owner."))
        elif action == "call":
            form = CallForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(call_form=form), status=400)
            service.log_call(follow_up, by=request.user, **form.cleaned_data)
            messages.success(request, _("The call has been logged."))
        elif action == "message":
            form = MessageForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(message_form=form), status=400)
            sent = service.send_message_back(
                follow_up,
                form.cleaned_data["message"],
                _("Your remark to %(organisation)s") % {"organisation": request.organisation.name},
            )
            messages.success(
                request,
                _("The message has been e-mailed.")
                if sent
                else _(
                    "The message has been saved (no e-mail address or no "
                    "consent, so it was not sent)."
                ),
            )
        elif action in ("open_klant", "open_klant_read"):
            # Not in the request's transaction: this waits for Open Klant.
            write = action == "open_klant"
            try:
                if write:
                    service.write_back(follow_up)
                else:
                    service.read_back(follow_up)
            except service.WriteBackRefused as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(
                    request,
                    _("The call-back is now an interne taak in Open Klant.")
                    if write
                    else _("The status in Open Klant has been read."),
                )
        elif action == "close":
            form = CloseForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.get_context_data(close_form=form), status=400)
            service.close_follow_up(follow_up, form.cleaned_data["outcome"])
            messages.success(request, _("The follow-up has been closed."))
        return HttpResponseRedirect(url)
