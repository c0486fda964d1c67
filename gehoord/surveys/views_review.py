"""Staff pages: the open-link responses held back as possible duplicates, to decide on."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from gehoord.pagination import KeepFiltersWhenPaging
from gehoord.tenancy.roles import Capability
from gehoord.tenancy.scoping import OrganisationScopedMixin, require_capability

from . import review
from .models import Response, Review

# Deciding changes the figures: those who build questionnaires and read results decide.
CAPABILITY = Capability.MANAGE_QUESTIONNAIRES


class ReviewListView(OrganisationScopedMixin, KeepFiltersWhenPaging, ListView):
    capability = CAPABILITY
    model = Response
    template_name = "surveys/review_list.html"
    paginate_by = 50
    context_object_name = "responses"

    def get_queryset(self):
        return review.to_review(self.request.organisation)


class ReviewDecideView(View):
    """POST decision=genuine|duplicate for one doubted response of the organisation."""

    model = Response

    def post(self, request, pk):
        require_capability(request, CAPABILITY)
        response = get_object_or_404(review.to_review(request.organisation), pk=pk)
        decision = request.POST.get("decision", "")
        if decision not in review.DECISIONS:
            messages.error(request, _("Choose genuine or duplicate."))
        else:
            review.decide(response, decision, request.user)
            messages.success(
                request,
                _("Marked as genuine: it counts in the figures.")
                if decision == Review.GENUINE
                else _("Marked as duplicate: it does not count in the figures."),
            )
        return HttpResponseRedirect(reverse("surveys:review_list"))
