"""Shared practices: an organisation's own list, and what peers shared where they do better."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from gehoord.framework import query as framework_query
from gehoord.insights import query as insights_query
from gehoord.tenancy.roles import Capability
from gehoord.tenancy.scoping import OrganisationScopedMixin

from .benchlearning import learning_rows
from .forms import PracticeForm
from .models import Practice
from .views_actions import can_manage


class PracticeView(OrganisationScopedMixin, TemplateView):
    capability = Capability.VIEW_IMPROVEMENT
    template_name = "improvement/practices.html"

    def get_context_data(self, **kwargs):
        organisation = self.request.organisation
        kwargs.setdefault("form", PracticeForm(organisation=organisation))
        # A practice names its question by bank code; people read the question's text.
        texts = dict(framework_query.bank(organisation).values_list("code", "text_nl"))
        practices = list(Practice.objects.for_organisation(organisation))
        for practice in practices:
            practice.question_text = texts.get(practice.indicator_code, "")
        return super().get_context_data(
            practices=practices,
            learning=learning_rows(organisation, insights_query.rolling_window()),
            can_manage=can_manage(self.request),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if not can_manage(request):
            return HttpResponseRedirect(reverse("improvement:practices"))
        form = PracticeForm(request.POST, organisation=request.organisation)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        form.save()
        messages.success(request, _("The practice has been saved."))
        return HttpResponseRedirect(reverse("improvement:practices"))
