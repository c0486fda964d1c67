"""The builder: one page per questionnaire that shows its draft (or latest published version),
and the actions that change a draft.

Every action is an ordinary POST form, so it works without JavaScript. With htmx the same
POST answers with only the draft section (`framework/includes/draft.html`), which htmx swaps
in place; without it the browser is redirected back to the builder with a message.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from gehoord.tenancy.roles import Capability, role_has

from .. import service
from ..forms import AddItemForm, VersionTextsForm
from ..models import Questionnaire, QuestionnaireVersion, VersionItem
from .common import FrameworkMixin, NestedScopeMixin, condition_text, readability_findings

PUBLISHED_REFUSAL = gettext_lazy(
    "This version has been published and cannot change any more. "
    "Make a new version to change the questionnaire."
)


@dataclass
class Row:
    """One item as the builder shows it."""

    item: VersionItem
    number: int
    is_first: bool = False
    is_last: bool = False
    condition: str = ""
    bank_changed: bool = False
    findings: list = field(default_factory=list)


def build_rows(items: list[VersionItem], editable: bool) -> list[tuple[int, list[Row]]]:
    """Items grouped by page, numbered as the resident sees them."""
    pages: dict[int, list[Row]] = {}
    for number, item in enumerate(items, start=1):
        row = Row(
            item=item,
            number=number,
            is_first=number == 1,
            is_last=number == len(items),
            condition=condition_text(item),
        )
        if editable:
            # Publishing copies the bank's current text; say so when it differs.
            row.bank_changed = item.question.text_nl != item.text_nl
            row.findings = readability_findings(item.question.text_nl)
        pages.setdefault(item.page, []).append(row)
    return list(pages.items())


def builder_context(
    request: HttpRequest, questionnaire: Questionnaire, add_form: AddItemForm | None = None
) -> dict[str, Any]:
    """Everything the builder page and its draft section show; a fixed number of queries."""
    can_manage = role_has(request.membership.role, Capability.MANAGE_QUESTIONNAIRES)
    versions = list(questionnaire.versions.annotate(item_count=Count("items")).order_by("-number"))
    draft = next((v for v in versions if not v.is_published), None)
    published = [v for v in versions if v.is_published]
    shown = draft or (published[0] if published else None)
    items = (
        list(
            shown.items.select_related("question", "condition_item").order_by(
                "page", "position", "pk"
            )
        )
        if shown
        else []
    )
    search = request.GET.get("zoek", "").strip()[:100]
    if draft and can_manage and add_form is None:
        add_form = AddItemForm(version=draft, organisation=request.organisation, search=search)
    return {
        "questionnaire": questionnaire,
        "draft": draft,
        "shown": shown,
        "published_versions": published,
        "pages": build_rows(items, editable=draft is not None),
        "problems": service.publication_problems(draft) if draft else [],
        "translation_gaps": service.translation_gaps(draft, items) if draft else [],
        "add_form": add_form if draft and can_manage else None,
        "search": search,
        "can_manage": can_manage,
        "tab": "questionnaires",
    }


class BuilderView(FrameworkMixin, DetailView):
    model = Questionnaire
    template_name = "framework/builder.html"

    def get_queryset(self):
        return super().get_queryset().select_related("stage__journey").prefetch_related("services")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return {**super().get_context_data(**kwargs), **builder_context(self.request, self.object)}


def render_builder(
    request: HttpRequest,
    questionnaire: Questionnaire,
    *,
    add_form: AddItemForm | None = None,
    flash: str = "",
    flash_error: bool = False,
) -> HttpResponse:
    """The builder after an action: the draft section for htmx, the whole page otherwise."""
    context = builder_context(request, questionnaire, add_form=add_form)
    if request.htmx:
        context.update(flash=flash, flash_error=flash_error)
        return render(request, "framework/includes/draft_response.html", context)
    return render(request, "framework/builder.html", {**context, "object": questionnaire})


class DraftActionView(NestedScopeMixin, FrameworkMixin, SingleObjectMixin, View):
    """POST only: change one thing in a draft, then show the builder again.

    A published version is refused with a message before anything is touched; the model and
    the service refuse too, so a version published in between is also safe.
    """

    capability = Capability.MANAGE_QUESTIONNAIRES
    http_method_names = ["post"]

    def version_of(self, obj: Any) -> QuestionnaireVersion:
        return obj.version if isinstance(obj, VersionItem) else obj

    def act(self, obj: Any) -> str | HttpResponse:
        """Do the change; return the message for the user (or a whole response)."""
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        obj = self.get_object()
        version = self.version_of(obj)
        if version.is_published:
            return self.finish(version.questionnaire, str(PUBLISHED_REFUSAL), error=True)
        try:
            result = self.act(obj)
        except ValidationError as error:
            return self.finish(version.questionnaire, " ".join(error.messages), error=True)
        if isinstance(result, HttpResponse):
            return result
        return self.finish(version.questionnaire, result)

    def finish(
        self, questionnaire: Questionnaire, message: str, error: bool = False
    ) -> HttpResponse:
        if self.request.htmx:
            return render_builder(self.request, questionnaire, flash=message, flash_error=error)
        (messages.error if error else messages.success)(self.request, message)
        return HttpResponseRedirect(reverse("framework:builder", args=[questionnaire.pk]))


class NewDraftView(FrameworkMixin, SingleObjectMixin, View):
    """POST: open a draft (a copy of the latest published version) to make changes."""

    capability = Capability.MANAGE_QUESTIONNAIRES
    http_method_names = ["post"]
    model = Questionnaire

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        questionnaire = self.get_object()
        draft = service.start_new_draft(questionnaire)
        messages.success(
            request, _("Version %(number)s is ready for your changes.") % {"number": draft.number}
        )
        return HttpResponseRedirect(reverse("framework:builder", args=[questionnaire.pk]))


class PublishView(DraftActionView):
    model = QuestionnaireVersion
    related = ("questionnaire",)

    def act(self, version: QuestionnaireVersion) -> str:
        try:
            service.publish(version)
        except ValidationError as error:
            raise ValidationError(
                _("Version %(number)s cannot be published yet: %(problems)s")
                % {"number": version.number, "problems": " ".join(error.messages)}
            ) from error
        return _("Version %(number)s has been published. Residents now answer this version.") % {
            "number": version.number
        }


class VersionTextsView(NestedScopeMixin, FrameworkMixin, UpdateView):
    """Title and introduction of a draft, in Dutch and English."""

    capability = Capability.MANAGE_QUESTIONNAIRES
    model = QuestionnaireVersion
    related = ("questionnaire",)
    form_class = VersionTextsForm
    template_name = "framework/version_texts_form.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        return self.refuse_published() or super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        return self.refuse_published() or super().post(request, *args, **kwargs)

    def refuse_published(self) -> HttpResponse | None:
        if not self.object.is_published:
            return None
        messages.error(self.request, PUBLISHED_REFUSAL)
        return HttpResponseRedirect(self.get_success_url())

    def form_valid(self, form: VersionTextsForm) -> HttpResponse:
        try:
            response = super().form_valid(form)
        except ValidationError:  # published in the meantime
            messages.error(self.request, PUBLISHED_REFUSAL)
            return HttpResponseRedirect(self.get_success_url())
        messages.success(self.request, _("The title and introduction have been saved."))
        return response

    def get_success_url(self) -> str:
        return reverse("framework:builder", args=[self.object.questionnaire_id])
