"""Staff forms of the measurement framework: questionnaires, the builder and the question bank.

Every choice field offers only the active organisation's records: OrganisationScopedForm does
that for organisation-owned models; journey stages and version items are filtered here by hand
because they belong to an organisation only through their parent.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _

from gehoord.catalog.models import Stage
from gehoord.tenancy.models import Organisation
from gehoord.tenancy.scoping import OrganisationScopedForm

from . import query
from .models import (
    ConditionOperator,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    VersionItem,
    VersionStatus,
)
from .question_types import AGREEMENT_SCALE, CHOICE_TYPES, GRADE_RANGE, QuestionType
from .standard_sets import STANDARD_SET_LABELS

OWN_SET = "eigen"  # URL value for questions outside a standard set

# An answer to these types can be compared with a value; open text and dates cannot.
CONDITION_TYPES = (
    QuestionType.GRADE,
    QuestionType.AGREEMENT,
    QuestionType.YES_NO,
    QuestionType.SINGLE_CHOICE,
    QuestionType.MULTIPLE_CHOICE,
    QuestionType.NUMBER,
)
NUMERIC_CONDITION_TYPES = (
    QuestionType.GRADE,
    QuestionType.AGREEMENT,
    QuestionType.YES_NO,
    QuestionType.NUMBER,
)


class QuestionnaireForm(OrganisationScopedForm):
    class Meta:
        model = Questionnaire
        fields = [
            "name",
            "description",
            "purpose",
            "legal_basis",
            "services",
            "stage",
            "open_link_enabled",
        ]
        widgets = {
            "legal_basis": forms.RadioSelect,
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "services": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        services = self.fields["services"]
        # Archived services are not offered, but one that is already linked stays visible,
        # so saving the form does not silently unlink it.
        linked = self.instance.services.all() if self.instance.pk else []
        services.queryset = services.queryset.filter(
            Q(archived_at__isnull=True) | Q(pk__in=[s.pk for s in linked])
        )
        stage = self.fields["stage"]
        # Stage is owned through its journey, so OrganisationScopedForm cannot scope it.
        # The stage already linked stays selectable even when its journey was archived.
        stage.queryset = (
            Stage.objects.filter(journey__organisation=self.organisation)
            .filter(Q(journey__archived_at__isnull=True) | Q(pk=self.instance.stage_id or 0))
            .select_related("journey")
            .order_by("journey__name", "position", "pk")
        )
        stage.label_from_instance = lambda s: f"{s.journey.name} – {s.name}"
        stage.empty_label = _("(no particular stage)")
        # A form sent without the choice keeps what the questionnaire has (public task for
        # a new one), so leaving it out never loosens a questionnaire that needs consent.
        self.fields["legal_basis"].required = False

    def clean_legal_basis(self) -> str:
        return self.cleaned_data.get("legal_basis") or self.instance.legal_basis


class VersionTextsForm(forms.ModelForm):
    class Meta:
        model = QuestionnaireVersion
        fields = ["title_nl", "title_en", "intro_nl", "intro_en"]
        widgets = {
            "intro_nl": forms.Textarea(attrs={"rows": 4}),
            "intro_en": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "title_en": _("Leave empty to show the Dutch title."),
            "intro_nl": _(
                "Shown above the first question. Explain in a few short sentences "
                "why you ask and how long it takes."
            ),
        }


def question_label(question: Question) -> str:
    return f"{question.text_nl} ({question.get_type_display()})"


class AddItemForm(forms.Form):
    """Place a bank question on a page of the draft."""

    question = forms.ChoiceField(label=_("Question from the question bank"))
    page = forms.IntegerField(label=_("Page"), min_value=1)
    required = forms.BooleanField(label=_("The resident must answer this question"), required=False)

    def __init__(
        self,
        *args: Any,
        version: QuestionnaireVersion,
        organisation: Organisation,
        search: str = "",
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        questions = (
            query.bank(organisation)
            .exclude(pk__in=version.items.values("question_id"))
            .order_by("standard_set", "code")
        )
        if search:
            questions = questions.filter(Q(text_nl__icontains=search) | Q(code__icontains=search))
        self.questions = {str(q.pk): q for q in questions}
        groups: dict[str, list[tuple[str, str]]] = {}
        for pk, question in self.questions.items():
            groups.setdefault(question.standard_set, []).append((pk, question_label(question)))
        # Standard sets first in a fixed order, then the organisation's own questions.
        order = [key for key in STANDARD_SET_LABELS if key in groups]
        order += sorted(key for key in groups if key not in STANDARD_SET_LABELS)
        self.fields["question"].choices = [("", _("Choose a question"))] + [
            (STANDARD_SET_LABELS.get(key, key), groups[key]) for key in order
        ]
        last_page = version.items.aggregate(last=Max("page"))["last"] or 1
        page = self.fields["page"]
        page.validators.append(MaxValueValidator(last_page + 1))
        page.widget.attrs["max"] = last_page + 1
        page.initial = last_page
        page.help_text = _("Page %(next)s starts a new page.") % {"next": last_page + 1}

    def clean_question(self) -> Question:
        question = self.questions.get(self.cleaned_data["question"])
        if question is None:  # the choices already refuse unknown ids; this is belt and braces
            raise ValidationError(_("Choose a question from the list."))
        return question


def possible_values(item: VersionItem) -> str:
    """The values a condition on `item` can compare with, in words for the hint."""
    if item.type == QuestionType.GRADE:
        return _("a grade from 1 to 10")
    if item.type == QuestionType.AGREEMENT:
        return ", ".join(f"{value} = {label}" for value, label in AGREEMENT_SCALE["nl"])
    if item.type == QuestionType.YES_NO:
        return _("1 = yes, 0 = no")
    if item.type in CHOICE_TYPES:
        return ", ".join(f"{o['value']} = {o.get('nl', '')}" for o in item.options)
    if item.min_value is not None and item.max_value is not None:
        return _("a number from %(min)s to %(max)s") % {
            "min": item.min_value,
            "max": item.max_value,
        }
    return _("a number")


def clean_condition_value(item: VersionItem, operator: str, value: str) -> str:
    """`value` as stored for a condition on `item`; raises when it cannot be compared."""
    if item.type in CHOICE_TYPES:
        if operator not in (ConditionOperator.EQUALS, ConditionOperator.NOT_EQUALS):
            raise ValidationError(_("Answers to a choice question can only be equal or not equal."))
        if value not in {o.get("value") for o in item.options}:
            raise ValidationError(
                _("Use the value of one of the answer options: %(values)s.")
                % {"values": possible_values(item)}
            )
        return value
    try:
        number = float(value.replace(",", "."))
    except ValueError:
        raise ValidationError(_("Fill in a number.")) from None
    allowed = {
        QuestionType.GRADE: set(GRADE_RANGE),
        QuestionType.AGREEMENT: {v for v, _label in AGREEMENT_SCALE["nl"]},
        QuestionType.YES_NO: {0, 1},
    }.get(item.type)
    if allowed is not None and number not in allowed:
        raise ValidationError(
            _("Use one of these values: %(values)s.") % {"values": possible_values(item)}
        )
    # Answers are compared as text for "is" and "is not", so 7.0 and 7,0 are stored as 7.
    return str(int(number)) if number.is_integer() else str(number)


class ItemSettingsForm(forms.ModelForm):
    """Page and condition of one item in a draft."""

    class Meta:
        model = VersionItem
        fields = ["page", "condition_item", "condition_operator", "condition_value"]
        labels = {
            "condition_item": _("Show this question only when the answer to"),
            "condition_operator": _("Comparison"),
            "condition_value": _("Value"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        item = self.instance
        last_page = (
            VersionItem.objects.filter(version_id=item.version_id).aggregate(last=Max("page"))[
                "last"
            ]
            or 1
        )
        self.fields["page"].validators.append(MaxValueValidator(last_page + 1))
        self.fields["page"].widget.attrs.update(min=1, max=last_page + 1)
        self.fields["page"].help_text = _(
            "Moving the question to another page puts it at the end of that page."
        )
        # Only questions on earlier pages: the resident must have answered them already.
        candidates = (
            VersionItem.objects.filter(
                version_id=item.version_id, page__lt=item.page, type__in=CONDITION_TYPES
            )
            .exclude(pk=item.pk)
            .order_by("page", "position", "pk")
        )
        self.candidates = list(candidates)
        field = self.fields["condition_item"]
        field.queryset = candidates
        field.empty_label = _("(always show this question)")
        field.label_from_instance = lambda i: (
            _("Page %(page)s: %(text)s") % {"page": i.page, "text": i.text_nl}
        )
        self.fields["condition_operator"].choices = [("", "—")] + list(ConditionOperator.choices)
        self.fields["condition_value"].help_text = _(
            "For a grade or number, fill in a number. For a choice question, the value of an "
            "answer option. The possible values are listed above."
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        condition, operator = data.get("condition_item"), data.get("condition_operator")
        value = (data.get("condition_value") or "").strip()
        data["condition_value"] = value
        if condition is None:
            if operator or value:
                self.add_error(
                    "condition_item",
                    _(
                        "Choose the question this one depends on, "
                        "or leave the comparison and value empty."
                    ),
                )
            data["condition_operator"] = ""
            data["condition_value"] = ""
            return data
        page = data.get("page") or self.instance.page
        if condition.page >= page:
            self.add_error(
                "condition_item", _("The question it depends on must be on an earlier page.")
            )
        if not operator:
            self.add_error("condition_operator", _("Choose how the answer is compared."))
        if not value:
            self.add_error("condition_value", _("Fill in the value to compare with."))
        elif operator:
            if (
                operator in (ConditionOperator.AT_MOST, ConditionOperator.AT_LEAST)
                and condition.type not in NUMERIC_CONDITION_TYPES
            ):
                self.add_error(
                    "condition_operator", _("“At most” and “at least” only work with numbers.")
                )
            else:
                try:
                    data["condition_value"] = clean_condition_value(condition, operator, value)
                except ValidationError as error:
                    self.add_error("condition_value", error)
        return data


def options_to_lines(options: list[dict]) -> str:
    return "\n".join(
        " | ".join(filter(None, [o.get("value", ""), o.get("nl", ""), o.get("en", "")]))
        for o in options or []
    )


def lines_to_options(text: str) -> list[dict]:
    """Parse "value | Dutch text | English text" lines; raise with the line that is wrong."""
    options, errors = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) not in (2, 3) or not parts[0] or not parts[1]:
            errors.append(
                _("Line %(number)s: write it as “value | Dutch text | English text”.")
                % {"number": number}
            )
            continue
        option = {"value": parts[0], "nl": parts[1]}
        if len(parts) == 3 and parts[2]:
            option["en"] = parts[2]
        options.append(option)
    if errors:
        raise ValidationError(errors)
    return options


class QuestionForm(OrganisationScopedForm):
    """A question of the bank; the answer options are edited as simple lines."""

    options = forms.CharField(
        label=_("Answer options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Only for choice questions. One answer per line: value | Dutch text | "
            "English text. For example: desk | Aan de balie | At the desk"
        ),
    )

    class Meta:
        model = Question
        fields = [
            "type",
            "code",
            "text_nl",
            "help_nl",
            "text_en",
            "help_en",
            "options",
            "min_value",
            "max_value",
            "indicator",
            "driver",
        ]
        widgets = {
            "text_nl": forms.Textarea(attrs={"rows": 3}),
            "text_en": forms.Textarea(attrs={"rows": 3}),
            "help_nl": forms.Textarea(attrs={"rows": 2}),
            "help_en": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "text_nl": _("Write short, clear sentences (language level B1)."),
            "min_value": _("Only for number questions."),
            "max_value": _("Only for number questions."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].empty_label = _("(none)")
        self.fields["driver"].empty_label = _("(none)")
        if self.instance.pk:
            self.initial["options"] = options_to_lines(self.instance.options)
            if self.instance.wording_locked:
                # A national standard item: comparable only in its own words.
                for name in ("type", "text_nl", "options", "min_value", "max_value"):
                    self.fields[name].disabled = True
                self.fields["text_nl"].help_text = _(
                    "This is a standard question with fixed wording, so that results can be "
                    "compared with other municipalities. Add your own question beside it if "
                    "you want to ask something else."
                )
            published = self.instance.version_items.filter(
                version__status=VersionStatus.PUBLISHED
            ).exists()
            if published:
                # Answers already given are stored for this type; another type would make
                # them meaningless in the figures.
                self.fields["type"].disabled = True
                self.fields["type"].help_text = _(
                    "This question is in a published questionnaire, so its type cannot change. "
                    "Make a new question if you need another type."
                )

    def clean_options(self) -> list[dict]:
        return lines_to_options(self.cleaned_data.get("options") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("type") and data["type"] != QuestionType.NUMBER:
            for name in ("min_value", "max_value"):
                if data.get(name) is not None:
                    self.add_error(
                        name, _("Only number questions have a lowest and highest number.")
                    )
        return data

    def _post_clean(self) -> None:
        # When the lines could not be read, the model's own check of the options would only
        # repeat that in other words; keep the message that names the line.
        unreadable = len(self._errors.get("options", []))
        super()._post_clean()
        if unreadable:
            del self._errors["options"][unreadable:]


class QuestionFilterForm(forms.Form):
    """Filters of the question bank list (GET)."""

    set = forms.ChoiceField(label=_("Standard set"), required=False)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *QuestionType.choices]
    )
    q = forms.CharField(label=_("Search"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["set"].choices = [("", _("All questions"))] + [
            (key or OWN_SET, label) for key, label in STANDARD_SET_LABELS.items()
        ]
        self.fields["q"].widget.attrs["type"] = "search"
