"""Form fields for each question type, in the respondent's language."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gehoord.framework.models import VersionItem
from gehoord.framework.question_types import (
    AGREEMENT_SCALE,
    GRADE_RANGE,
    NOT_APPLICABLE_LABEL,
    OPEN_TEXT_MAX_LENGTH,
    YES_NO_SCALE,
    QuestionType,
)

from .conditions import NOT_APPLICABLE

REQUIRED = _("Please answer this question.")


def field_name(item: VersionItem) -> str:
    return f"q{item.pk}"


def _options(item: VersionItem, language: str) -> list[tuple[str, str]]:
    return [(o["value"], o.get(language) or o["nl"]) for o in item.options]


def field_for(item: VersionItem, language: str) -> forms.Field:
    """The Django form field that asks `item` in `language` (nl or en)."""
    common = {
        "label": item.text(language),
        "help_text": item.help(language),
        "required": item.required,
        "error_messages": {"required": REQUIRED},
    }
    language = language if language in ("nl", "en") else "nl"
    kind = item.type
    if kind == QuestionType.GRADE:
        common["error_messages"]["invalid_choice"] = _("Choose a grade from 1 to 10.")
        return forms.TypedChoiceField(
            choices=[(g, str(g)) for g in GRADE_RANGE],
            coerce=int,
            widget=forms.RadioSelect(attrs={"class": "scale scale--grade"}),
            **common,
        )
    if kind == QuestionType.AGREEMENT:
        common["error_messages"]["invalid_choice"] = _("Choose one of the answers.")
        choices = [(str(v), label) for v, label in AGREEMENT_SCALE[language]]
        choices.append((NOT_APPLICABLE, NOT_APPLICABLE_LABEL[language]))
        return forms.ChoiceField(choices=choices, widget=forms.RadioSelect, **common)
    if kind == QuestionType.YES_NO:
        common["error_messages"]["invalid_choice"] = _("Choose yes or no.")
        return forms.TypedChoiceField(
            choices=YES_NO_SCALE[language], coerce=int, widget=forms.RadioSelect, **common
        )
    if kind == QuestionType.SINGLE_CHOICE:
        common["error_messages"]["invalid_choice"] = _("Choose one of the answers.")
        return forms.ChoiceField(
            choices=_options(item, language), widget=forms.RadioSelect, **common
        )
    if kind == QuestionType.MULTIPLE_CHOICE:
        common["error_messages"]["invalid_choice"] = _("Choose from the answers shown.")
        return forms.MultipleChoiceField(
            choices=_options(item, language), widget=forms.CheckboxSelectMultiple, **common
        )
    if kind == QuestionType.NUMBER:
        common["error_messages"].update(
            invalid=_("Fill in a whole number."),
            min_value=_("Fill in a number of at least %(limit_value)s."),
            max_value=_("Fill in a number of at most %(limit_value)s."),
        )
        return forms.IntegerField(
            min_value=item.min_value,
            max_value=item.max_value,
            widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            **common,
        )
    if kind == QuestionType.DATE:
        common["error_messages"]["invalid"] = _("Fill in a date, for example 31-12-2025.")
        return forms.DateField(
            widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            input_formats=["%Y-%m-%d", "%d-%m-%Y"],
            **common,
        )
    common["error_messages"]["max_length"] = _(
        "Your answer is too long: use at most %(limit_value)d characters (you used %(show_value)d)."
    )
    return forms.CharField(
        max_length=OPEN_TEXT_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 5}),
        **common,
    )


def build_form(items: list[VersionItem], language: str, data=None, initial=None) -> forms.Form:
    """A form with one field per item (in order)."""
    form = forms.Form(data=data, initial=initial)
    for item in items:
        form.fields[field_name(item)] = field_for(item, language)
    return form
