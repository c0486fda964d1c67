"""Checks on question content that apply to bank questions and version items alike."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .question_types import CHOICE_TYPES, QuestionType


def validate_question_content(content) -> None:
    errors = {}
    if content.type in CHOICE_TYPES:
        options = content.options if isinstance(content.options, list) else None
        values = [o.get("value") for o in options or [] if isinstance(o, dict)]
        if not options or len(values) != len(options) or len(options) < 2:
            errors["options"] = _("A choice question needs at least two answer options.")
        elif len(set(values)) != len(values) or not all(values):
            errors["options"] = _("Every answer option needs its own value.")
        elif not all(isinstance(o.get("nl"), str) and o.get("nl").strip() for o in options):
            errors["options"] = _("Every answer option needs a Dutch text.")
    elif content.options:
        errors["options"] = _("Only choice questions have answer options.")
    if (
        content.type == QuestionType.NUMBER
        and content.min_value is not None
        and content.max_value is not None
        and content.min_value > content.max_value
    ):
        errors["max_value"] = _("The highest number must not be lower than the lowest.")
    if errors:
        raise ValidationError(errors)
