"""Question types and the fixed answer scales that belong to them (DESIGN.md §7)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class QuestionType(models.TextChoices):
    GRADE = "grade", _("Grade 1–10")
    AGREEMENT = "agreement", _("Agreement (5 points)")
    YES_NO = "yes_no", _("Yes / no")
    SINGLE_CHOICE = "single_choice", _("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _("Multiple choice")
    OPEN_TEXT = "open_text", _("Open text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")


CHOICE_TYPES = frozenset({QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE})
# Answers stored as a number (value_number): what figures and rollups are made of.
NUMERIC_TYPES = (
    QuestionType.GRADE,
    QuestionType.AGREEMENT,
    QuestionType.YES_NO,
    QuestionType.NUMBER,
)

# Stored values of the agreement scale: 5 = helemaal mee eens … 1 = helemaal niet mee eens.
# "Weet niet / n.v.t." is stored as not-applicable, never as a number, so it can never
# pull a mean or a percentage (DESIGN.md §5: valid answers only).
AGREEMENT_SCALE = {
    "nl": [
        (5, "Helemaal mee eens"),
        (4, "Mee eens"),
        (3, "Niet mee eens, niet mee oneens"),
        (2, "Niet mee eens"),
        (1, "Helemaal niet mee eens"),
    ],
    "en": [
        (5, "Strongly agree"),
        (4, "Agree"),
        (3, "Neither agree nor disagree"),
        (2, "Disagree"),
        (1, "Strongly disagree"),
    ],
}
NOT_APPLICABLE_LABEL = {"nl": "Weet niet / n.v.t.", "en": "Don't know / not applicable"}
YES_NO_SCALE = {"nl": [(1, "Ja"), (0, "Nee")], "en": [(1, "Yes"), (0, "No")]}
GRADE_RANGE = range(1, 11)
OPEN_TEXT_MAX_LENGTH = 5000
