"""The question bank: list with filters, create and edit a question, archive and restore."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, ListView, UpdateView

from gehoord.pagination import KeepFiltersWhenPaging
from gehoord.tenancy.roles import Capability

from ..forms import OWN_SET, STANDARD_SET_LABELS, QuestionFilterForm, QuestionForm
from ..models import Question
from .common import FrameworkMixin, readability_findings


class BankMixin(FrameworkMixin):
    model = Question
    tab = "bank"


class QuestionListView(BankMixin, KeepFiltersWhenPaging, ListView):
    template_name = "framework/question_list.html"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Question]:
        self.show_archived = self.request.GET.get("archief") == "1"
        queryset = (
            super()
            .get_queryset()
            .filter(archived_at__isnull=not self.show_archived)
            .select_related("indicator", "driver")
            .order_by("standard_set", "code")
        )
        self.filters = QuestionFilterForm(self.request.GET or None)
        if self.filters.is_valid():
            data = self.filters.cleaned_data
            if data["set"]:
                queryset = queryset.filter(
                    standard_set="" if data["set"] == OWN_SET else data["set"]
                )
            if data["type"]:
                queryset = queryset.filter(type=data["type"])
            if data["q"]:
                queryset = queryset.filter(
                    Q(text_nl__icontains=data["q"])
                    | Q(text_en__icontains=data["q"])
                    | Q(code__icontains=data["q"])
                )
        return queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        filtered = any(self.request.GET.get(name) for name in ("set", "type", "q"))
        return super().get_context_data(
            filters=self.filters,
            filtered=filtered,
            show_archived=self.show_archived,
            set_labels=STANDARD_SET_LABELS,
            **kwargs,
        )


class QuestionFormMixin(BankMixin):
    capability = Capability.MANAGE_QUESTIONNAIRES
    form_class = QuestionForm
    template_name = "framework/question_form.html"
    FINDINGS_ID = "taaltips"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "organisation": self.request.organisation}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        text = form.data.get("text_nl", "") if form.is_bound else form.initial.get("text_nl", "")
        context["findings"] = readability_findings(text or "")
        if context["findings"]:
            # Screen readers hear the tips with the field, after its own help text.
            field = form["text_nl"]
            field.field.widget.attrs["aria-describedby"] = (
                f"{field.auto_id}_helptext {self.FINDINGS_ID}"
            )
        return context

    def form_valid(self, form: QuestionForm) -> HttpResponse:
        self.object = form.save()
        if readability_findings(self.object.text_nl):
            # Tips never block saving, but stay in view so they can be acted on.
            messages.warning(
                self.request,
                _(
                    "“%(name)s” has been saved. The Dutch text may be "
                    "hard to read: see the tips below."
                )
                % {"name": self.object.code},
            )
            return HttpResponseRedirect(reverse("framework:question_update", args=[self.object.pk]))
        messages.success(self.request, _("“%(name)s” has been saved.") % {"name": self.object.code})
        return HttpResponseRedirect(reverse("framework:question_list"))


class QuestionCreateView(QuestionFormMixin, CreateView):
    pass


class QuestionUpdateView(QuestionFormMixin, UpdateView):
    pass


class QuestionArchiveView(BankMixin, View):
    """POST only: archive a bank question (or, with restore=True, bring it back).

    Archived questions are not offered in the builder; versions that use them keep them.
    """

    capability = Capability.MANAGE_QUESTIONNAIRES
    http_method_names = ["post"]
    restore = False

    def get_queryset(self) -> QuerySet[Question]:
        return Question.objects.for_organisation(self.request.organisation)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        question = get_object_or_404(self.get_queryset(), pk=pk)
        if self.restore:
            question.archived_at = None
            message = _("“%(name)s” is active again.")
        else:
            question.archived_at = question.archived_at or timezone.now()
            message = _("“%(name)s” has been archived.")
        question.save(update_fields=["archived_at"])
        messages.success(request, message % {"name": question.code})
        return HttpResponseRedirect(reverse("framework:question_list"))
