"""The Obeya board: goals with their current value, actions by status, blockers."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import CreateView, TemplateView

from gehoord.catalog import query as catalog_query
from gehoord.insights import query as insights_query
from gehoord.tenancy.roles import Capability
from gehoord.tenancy.scoping import OrganisationScopedMixin

from . import board, query
from .forms import GoalForm
from .models import Goal, Status
from .views_actions import can_manage


class BoardView(OrganisationScopedMixin, TemplateView):
    capability = Capability.VIEW_IMPROVEMENT
    template_name = "improvement/board.html"

    def get_context_data(self, **kwargs):
        organisation = self.request.organisation
        actions = list(self.limited(query.actions(organisation)).prefetch_related("waits_for"))
        columns = [
            (code, label, [a for a in actions if a.status == code])
            for code, label in Status.choices
        ]
        return super().get_context_data(
            # Goals are the whole organisation's figures: not for members limited to teams.
            goals=[]
            if catalog_query.is_team_limited(self.request.membership)
            else board.goal_values(
                organisation, list(query.goals(organisation)), insights_query.rolling_window()
            ),
            columns=columns,
            statuses=Status.choices,
            blocked=[a for a in actions if a.blocked],
            wall=self.request.GET.get("wand") == "1",
            can_manage=can_manage(self.request),
            **kwargs,
        )


class GoalCreateView(OrganisationScopedMixin, CreateView):
    capability = Capability.MANAGE_IMPROVEMENT
    model = Goal
    form_class = GoalForm
    template_name = "improvement/goal_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.request.organisation}

    def form_valid(self, form):
        form.save()
        messages.success(self.request, _("The goal has been saved."))
        return HttpResponseRedirect(reverse("improvement:board"))
