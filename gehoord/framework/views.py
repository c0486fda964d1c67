from django.views.generic import ListView

from gehoord.tenancy.roles import Capability
from gehoord.tenancy.scoping import OrganisationScopedMixin

from . import query
from .models import Questionnaire


class QuestionnaireListView(OrganisationScopedMixin, ListView):
    capability = Capability.VIEW_QUESTIONNAIRES
    model = Questionnaire
    template_name = "framework/questionnaire_list.html"
    paginate_by = 25

    def get_queryset(self):
        return query.questionnaires(self.request.organisation)
