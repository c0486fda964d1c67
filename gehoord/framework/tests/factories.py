"""Test factories of the framework: bank questions and (published) questionnaires."""

from collections.abc import Iterable

from gehoord.framework import service
from gehoord.framework.models import Question, Questionnaire
from gehoord.framework.question_types import QuestionType
from gehoord.tenancy.models import Organisation


def make_question(
    organisation: Organisation,
    code: str = "vraag",
    type_: str = QuestionType.OPEN_TEXT,
    text_nl: str = "Wat wilt u kwijt?",
    **fields,
) -> Question:
    """A question in the bank of `organisation`."""
    return Question.objects.create(
        organisation=organisation, code=code, type=type_, text_nl=text_nl, **fields
    )


def install_bank(organisation: Organisation) -> dict[str, Question]:
    """The standard bank of `organisation`, installed and keyed by question code."""
    service.install_defaults(organisation)
    return {q.code: q for q in Question.objects.filter(organisation=organisation)}


def make_questionnaire(
    organisation: Organisation, name: str = "Klantonderzoek", **fields
) -> Questionnaire:
    """A questionnaire with an empty first draft, made the way staff make one."""
    return service.create_questionnaire(organisation, name, **fields)


def published_questionnaire(
    organisation: Organisation,
    name: str = "Klantonderzoek",
    codes: Iterable[str] = ("core_grade",),
    required: bool = False,
    **fields,
) -> Questionnaire:
    """A questionnaire whose first version, published, asks the bank questions `codes` on
    page 1; `.version` is that version and `.items` its items by question code."""
    bank = {q.code: q for q in Question.objects.filter(organisation=organisation)}
    if not set(codes) <= set(bank):
        bank = install_bank(organisation)
    questionnaire = make_questionnaire(organisation, name, **fields)
    draft = service.draft_of(questionnaire)
    items = {code: service.add_question(draft, bank[code], required=required) for code in codes}
    questionnaire.version = service.publish(draft)
    questionnaire.items = items
    return questionnaire
