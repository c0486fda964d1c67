"""The questionnaire list and the form to create or edit a questionnaire's settings."""

from typing import Any

from django.contrib import messages
from django.db.models import Max, Q, QuerySet
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import CreateView, ListView, UpdateView

from gehoord.pagination import KeepFiltersWhenPaging
from gehoord.tenancy.roles import Capability

from .. import query, service
from ..forms import QuestionnaireForm
from ..models import Questionnaire, VersionStatus
from .common import FrameworkMixin


class QuestionnaireListView(FrameworkMixin, KeepFiltersWhenPaging, ListView):
    model = Questionnaire
    template_name = "framework/questionnaire_list.html"
    paginate_by = 25

    def get_queryset(self) -> QuerySet[Questionnaire]:
        # Status and relations are loaded with the page itself: no query per row.
        queryset = (
            query.questionnaires(self.request.organisation)
            .annotate(
                latest_published=Max(
                    "versions__number", filter=Q(versions__status=VersionStatus.PUBLISHED)
                ),
                draft_number=Max(
                    "versions__number", filter=Q(versions__status=VersionStatus.DRAFT)
                ),
            )
            .select_related("stage__journey")
            .order_by("name", "pk")
        )
        self.search = self.request.GET.get("q", "").strip()[:100]
        if self.search:
            queryset = queryset.filter(name__icontains=self.search)
        return queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(search=self.search, **kwargs)


class QuestionnaireFormMixin(FrameworkMixin):
    capability = Capability.MANAGE_QUESTIONNAIRES
    model = Questionnaire
    form_class = QuestionnaireForm
    template_name = "framework/questionnaire_form.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "organisation": self.request.organisation}


class QuestionnaireCreateView(QuestionnaireFormMixin, CreateView):
    def form_valid(self, form: QuestionnaireForm) -> HttpResponse:
        data = form.cleaned_data
        self.object = service.create_questionnaire(
            self.request.organisation,
            data["name"],
            description=data["description"],
            purpose=data["purpose"],
            legal_basis=data["legal_basis"],
            services=list(data["services"]),
            stage=data["stage"],
            open_link_enabled=data["open_link_enabled"],
        )
        messages.success(
            self.request,
            _("“%(name)s” has been made. Now add the questions.") % {"name": self.object},
        )
        return HttpResponseRedirect(reverse("framework:builder", args=[self.object.pk]))


class QuestionnaireUpdateView(QuestionnaireFormMixin, UpdateView):
    def form_valid(self, form: QuestionnaireForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(self.request, _("“%(name)s” has been saved.") % {"name": self.object})
        return response

    def get_success_url(self) -> str:
        return reverse("framework:builder", args=[self.object.pk])
