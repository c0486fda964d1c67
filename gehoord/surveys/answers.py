"""Converting answers between form values, the resumable draft (JSON) and typed rows."""

from datetime import date
from decimal import Decimal
from typing import Any

from gehoord.framework.models import VersionItem
from gehoord.framework.question_types import (
    AGREEMENT_SCALE,
    NOT_APPLICABLE_LABEL,
    NUMERIC_TYPES,
    YES_NO_SCALE,
    QuestionType,
)

from .conditions import NOT_APPLICABLE
from .models import Answer, Response


def to_draft(value: Any) -> Any:
    """A cleaned form value as JSON-storable data (None when not answered)."""
    if value in (None, "", []):
        return None
    if isinstance(value, date):
        return value.isoformat()
    return value


def is_answered(value: Any) -> bool:
    return value not in (None, "", [])


def answer_row(response: Response, item: VersionItem, value: Any) -> Answer:
    """A typed Answer for a draft value of `item`."""
    answer = Answer(response=response, item=item, question_id=item.question_id)
    if value == NOT_APPLICABLE and item.type == QuestionType.AGREEMENT:
        answer.not_applicable = True
    elif item.type in NUMERIC_TYPES:
        answer.value_number = Decimal(str(value))
    elif item.type == QuestionType.DATE:
        answer.value_date = date.fromisoformat(value)
    elif item.type == QuestionType.MULTIPLE_CHOICE:
        answer.value_choices = list(value)
    else:
        answer.value_text = str(value)
    return answer


def display(answer: Answer, language: str = "nl") -> str:
    """An answer as a person reads it: "Mee eens (4)", "Ja", "7", an option's text."""
    item = answer.item
    if answer.not_applicable:
        return NOT_APPLICABLE_LABEL[language]
    if answer.value_number is not None:
        number = answer.value_number.normalize()
        number = int(number) if number == number.to_integral() else number
        scale = {QuestionType.AGREEMENT: AGREEMENT_SCALE, QuestionType.YES_NO: YES_NO_SCALE}.get(
            item.type
        )
        if scale:
            label = dict(scale[language]).get(number, str(number))
            return f"{label} ({number})" if item.type == QuestionType.AGREEMENT else label
        return str(number)
    if answer.value_date is not None:
        return answer.value_date.strftime("%d-%m-%Y")
    labels = {o["value"]: o.get(language) or o["nl"] for o in item.options or []}
    if answer.value_choices is not None:
        return ", ".join(labels.get(v, v) for v in answer.value_choices)
    return labels.get(answer.value_text, answer.value_text)
