"""Builder actions on the questions of a draft: add, move, remove, required, page and
condition. Each route takes the id of the record it changes (a version or a version item)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import UpdateView

from gehoord.tenancy.roles import Capability

from .. import service
from ..forms import AddItemForm, ItemSettingsForm, possible_values
from ..models import QuestionnaireVersion, VersionItem
from .builder import PUBLISHED_REFUSAL, DraftActionView, render_builder
from .common import FrameworkMixin, NestedScopeMixin, readability_findings


class AddItemView(DraftActionView):
    model = QuestionnaireVersion
    related = ("questionnaire",)

    def act(self, version: QuestionnaireVersion) -> str | HttpResponse:
        form = AddItemForm(
            self.request.POST, version=version, organisation=self.request.organisation
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                item = service.add_question(
                    version, data["question"], page=data["page"], required=data["required"]
                )
            except ValidationError as error:
                form.add_error("question", error)
            else:
                return _("“%(question)s” has been added to page %(page)s.") % {
                    "question": item.text_nl,
                    "page": item.page,
                }
        # Show the form again with its errors (the whole page, or the section for htmx).
        return render_builder(self.request, version.questionnaire, add_form=form)


class MoveItemView(DraftActionView):
    model = VersionItem
    related = ("version__questionnaire",)
    direction = -1  # -1 up, +1 down

    def act(self, item: VersionItem) -> str:
        service.move_item(item, self.direction)
        item.refresh_from_db(fields=["page", "position"])
        if self.direction < 0:
            message = _("“%(question)s” has moved up. It is now on page %(page)s.")
        else:
            message = _("“%(question)s” has moved down. It is now on page %(page)s.")
        return message % {"question": item.text_nl, "page": item.page}


class RemoveItemView(DraftActionView):
    model = VersionItem
    related = ("version__questionnaire",)

    def act(self, item: VersionItem) -> str:
        service.remove_item(item)
        return _("“%(question)s” has been removed from this version.") % {"question": item.text_nl}


class RequiredItemView(DraftActionView):
    """POST required=1 or required=0."""

    model = VersionItem
    related = ("version__questionnaire",)

    def act(self, item: VersionItem) -> str:
        service.set_required(item, self.request.POST.get("required") == "1")
        if item.required:
            return _("“%(question)s” must now be answered.") % {"question": item.text_nl}
        return _("“%(question)s” may now be skipped.") % {"question": item.text_nl}


class ItemSettingsView(NestedScopeMixin, FrameworkMixin, UpdateView):
    """Page and condition of one item of a draft."""

    capability = Capability.MANAGE_QUESTIONNAIRES
    model = VersionItem
    related = ("version__questionnaire", "question", "condition_item")
    form_class = ItemSettingsForm
    template_name = "framework/item_form.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        return self.refuse_published() or super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        return self.refuse_published() or super().post(request, *args, **kwargs)

    def get_object(self, queryset=None) -> VersionItem:
        # get() and post() load the item first; UpdateView would load it a second time.
        if getattr(self, "object", None) is not None:
            return self.object
        return super().get_object(queryset)

    def refuse_published(self) -> HttpResponse | None:
        if not self.object.version.is_published:
            return None
        messages.error(self.request, str(PUBLISHED_REFUSAL))
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            questionnaire=self.object.version.questionnaire,
            candidates=[(item, possible_values(item)) for item in form.candidates],
            findings=readability_findings(self.object.question.text_nl),
        )
        return context

    def form_valid(self, form: ItemSettingsForm) -> HttpResponse:
        item = form.instance
        try:
            service.save_item_settings(item, page_changed="page" in form.changed_data)
        except ValidationError:  # published in the meantime
            messages.error(self.request, str(PUBLISHED_REFUSAL))
            return HttpResponseRedirect(self.get_success_url())
        messages.success(
            self.request,
            _("The settings of “%(question)s” have been saved.") % {"question": item.text_nl},
        )
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self) -> str:
        return reverse("framework:builder", args=[self.object.version.questionnaire_id])
