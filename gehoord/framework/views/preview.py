"""Preview of a version as a resident sees it: all pages one after another, in Dutch or
English. It is rendered here, not by the surveys app, so the framework does not depend on a
higher floor; nothing in it can be sent."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.views.generic import DetailView

from ..models import QuestionnaireVersion, VersionItem
from ..question_types import (
    AGREEMENT_SCALE,
    GRADE_RANGE,
    NOT_APPLICABLE_LABEL,
    YES_NO_SCALE,
    QuestionType,
)
from .common import FrameworkMixin, NestedScopeMixin, condition_text

# The value the surveys app stores for "Weet niet / n.v.t.".
NOT_APPLICABLE = "na"


@dataclass
class PreviewQuestion:
    item: VersionItem
    name: str
    text: str
    help: str
    kind: str  # radio, checkbox, textarea, number or date
    choices: list[tuple[str, str]] = field(default_factory=list)
    scale_class: str = ""
    condition: str = ""


def preview_question(item: VersionItem, language: str) -> PreviewQuestion:
    """How `item` is asked in `language`: the input kind and the answers offered."""
    question = PreviewQuestion(
        item=item,
        name=f"vraag-{item.pk}",
        text=item.text(language),
        help=item.help(language),
        kind="radio",
        condition=condition_text(item, language),
    )
    if item.type == QuestionType.GRADE:
        question.choices = [(str(g), str(g)) for g in GRADE_RANGE]
        question.scale_class = "scale--grade"
    elif item.type == QuestionType.AGREEMENT:
        question.choices = [(str(v), label) for v, label in AGREEMENT_SCALE[language]]
        question.choices.append((NOT_APPLICABLE, NOT_APPLICABLE_LABEL[language]))
    elif item.type == QuestionType.YES_NO:
        question.choices = [(str(v), label) for v, label in YES_NO_SCALE[language]]
    elif item.type in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        question.choices = [(o["value"], o.get(language) or o["nl"]) for o in item.options]
        if item.type == QuestionType.MULTIPLE_CHOICE:
            question.kind = "checkbox"
    elif item.type == QuestionType.NUMBER:
        question.kind = "number"
    elif item.type == QuestionType.DATE:
        question.kind = "date"
    else:
        question.kind = "textarea"
    return question


class PreviewView(NestedScopeMixin, FrameworkMixin, DetailView):
    model = QuestionnaireVersion
    related = ("questionnaire",)
    template_name = "framework/preview.html"
    context_object_name = "version"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        language = "en" if self.request.GET.get("taal") == "en" else "nl"
        version = self.object
        items = version.items.select_related("condition_item").order_by("page", "position", "pk")
        pages: dict[int, list[PreviewQuestion]] = {}
        for item in items:
            pages.setdefault(item.page, []).append(preview_question(item, language))
        return super().get_context_data(
            questionnaire=version.questionnaire,
            language=language,
            other_language="nl" if language == "en" else "en",
            title=version.title(language),
            intro=version.intro(language),
            pages=list(pages.items()),
            page_count=len(pages),
            **kwargs,
        )
