"""Seed for bench/respondent_flow.py: an organisation with a published three-page
questionnaire and N personal links. Prints the links (one line) and the answers of each
page as JSON (second line). Run with DATABASE_URL set to a migrated database."""

import json
import sys

import django

django.setup()

from django.urls import reverse  # noqa: E402

from gehoord.catalog.models import Service  # noqa: E402
from gehoord.framework import service as framework_service  # noqa: E402
from gehoord.framework.models import Question  # noqa: E402
from gehoord.framework.question_types import QuestionType  # noqa: E402
from gehoord.surveys import service as survey_service  # noqa: E402
from gehoord.tenancy.models import Organisation  # noqa: E402

ANSWER_OF_TYPE = {
    QuestionType.GRADE: "8",
    QuestionType.AGREEMENT: "4",
    QuestionType.YES_NO: "0",
    QuestionType.OPEN_TEXT: "Het ging snel en vriendelijk.",
}


def main(residents: int) -> None:
    organisation = Organisation.objects.create(
        name="Bench flow", slug="bench-flow", inhabitants=50_000
    )
    framework_service.install_defaults(organisation)
    service = Service.objects.create(organisation=organisation, name="Bijstand")
    bank = Question.objects.filter(organisation=organisation)
    agreement = list(bank.filter(type=QuestionType.AGREEMENT).order_by("code")[:6])
    layout = [
        (1, [bank.get(code="core_grade"), agreement[0]]),
        (2, agreement[1:]),
        (3, [bank.get(code="core_improve"), bank.get(code="core_follow_up")]),
    ]
    questionnaire = framework_service.create_questionnaire(
        organisation, "Bench", title_nl="Hoe was het?", services=[service]
    )
    version = framework_service.draft_of(questionnaire)
    pages = []
    for page, questions in layout:
        answers = {}
        for question in questions:
            item = framework_service.add_question(version, question, page=page)
            answers[f"q{item.pk}"] = ANSWER_OF_TYPE[question.type]
        pages.append(answers)
    framework_service.publish(version)
    links = [
        reverse(
            "surveys:answer",
            args=[survey_service.issue_token(questionnaire, segment={"service": service}).token],
        )
        for _ in range(residents)
    ]
    print(" ".join(links))
    print(json.dumps(pages))


if __name__ == "__main__":
    main(int(sys.argv[1]))
