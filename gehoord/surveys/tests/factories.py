"""Test factories of surveys: a published questionnaire with every question type and a
condition, and responses to it."""

import uuid
from datetime import datetime
from typing import Any

from django.utils import timezone

from gehoord.catalog.tests.factories import make_service
from gehoord.framework import service as framework_service
from gehoord.framework.models import ConditionOperator, Questionnaire
from gehoord.framework.question_types import QuestionType
from gehoord.framework.tests.factories import install_bank, make_question
from gehoord.surveys import service as survey_service
from gehoord.surveys.models import Response
from gehoord.tenancy.models import Organisation


def build_questionnaire(org_a: Organisation) -> Questionnaire:
    """Three pages: grade + effort; choices + follow-up; open, number, date and a question
    shown only when the resident does not want to be contacted."""
    bank = install_bank(org_a)
    extra = {
        "channel": make_question(
            org_a,
            "kanaal",
            QuestionType.SINGLE_CHOICE,
            "Hoe nam u contact op?",
            text_en="How did you contact us?",
            options=[
                {"value": "balie", "nl": "Aan de balie", "en": "At the desk"},
                {"value": "telefoon", "nl": "Telefoon", "en": "Phone"},
            ],
        ),
        "topics": make_question(
            org_a,
            "onderwerpen",
            QuestionType.MULTIPLE_CHOICE,
            "Waarover ging het?",
            text_en="What was it about?",
            options=[
                {"value": "geld", "nl": "Geld", "en": "Money"},
                {"value": "werk", "nl": "Werk", "en": "Work"},
                {"value": "zorg", "nl": "Zorg", "en": "Care"},
            ],
        ),
        "visits": make_question(
            org_a,
            "bezoeken",
            QuestionType.NUMBER,
            "Hoe vaak was u er?",
            text_en="How often were you there?",
            min_value=0,
            max_value=50,
        ),
        "date": make_question(
            org_a, "datum", QuestionType.DATE, "Wanneer was u er?", text_en="When were you there?"
        ),
        "why_not": make_question(
            org_a,
            "waarom_niet",
            QuestionType.OPEN_TEXT,
            "Waarom wilt u geen contact?",
            text_en="Why not?",
        ),
    }
    service = make_service(org_a, "Bijstand")
    questionnaire = framework_service.create_questionnaire(
        org_a,
        "Klantonderzoek bijstand",
        title_nl="Hoe was het?",
        services=[service],
        open_link_enabled=True,
    )
    version = framework_service.draft_of(questionnaire)
    version.title_en = "How was it?"
    version.save()
    add = framework_service.add_question
    items = {
        "grade": add(version, bank["core_grade"], page=1, required=True),
        "effort": add(version, bank["core_effort"], page=1),
        "channel": add(version, extra["channel"], page=2),
        "topics": add(version, extra["topics"], page=2),
        "follow_up": add(version, bank["core_follow_up"], page=2, required=True),
        "improve": add(version, bank["core_improve"], page=3),
        "visits": add(version, extra["visits"], page=3),
        "date": add(version, extra["date"], page=3),
        "why_not": add(version, extra["why_not"], page=3, required=True),
    }
    why_not = items["why_not"]
    why_not.condition_item = items["follow_up"]
    why_not.condition_operator = ConditionOperator.EQUALS
    why_not.condition_value = "0"
    why_not.save()
    questionnaire.version = framework_service.publish(version)
    questionnaire.items = {
        key: item.__class__.objects.get(pk=item.pk) for key, item in items.items()
    }
    questionnaire.service = service
    return questionnaire


def make_response(
    questionnaire: Questionnaire,
    answers: dict[str, Any],
    submitted_at: datetime | None = None,
    **fields,
) -> Response:
    """One response to `questionnaire.version` giving `answers` (keys of
    `questionnaire.items`), stored as an import stores it; `fields` set channel or segment."""
    response_id = uuid.uuid4()
    survey_service.import_responses(
        questionnaire.version,
        [
            {
                "id": response_id,
                "submitted_at": submitted_at or timezone.now(),
                "answers": {
                    str(questionnaire.items[key].pk): value for key, value in answers.items()
                },
                **fields,
            }
        ],
    )
    return Response.objects.get(pk=response_id)


def answer_open_link(client, questionnaire: Questionnaire, grade: str, address: str):
    """A resident at `address` answers `questionnaire` (from build_questionnaire) through
    its open link, page by page as a browser would; returns the last page's response."""
    from django.urls import reverse

    from gehoord.surveys.models import SurveyToken

    start = client.post(
        reverse("surveys:open", args=[questionnaire.open_link_token]), REMOTE_ADDR=address
    )
    if start.status_code != 302:
        return start
    token = SurveyToken.objects.get(token=start["Location"].rstrip("/").rsplit("/", 1)[-1])
    client.get(start["Location"], REMOTE_ADDR=address)  # the first visit fixes the version
    token.refresh_from_db()
    items = questionnaire.items
    pages = [
        {f"q{items['grade'].pk}": grade},
        {f"q{items['follow_up'].pk}": "1"},
        {},
    ]
    for number, answers in enumerate(pages, start=1):
        response = client.post(
            start["Location"],
            {"version": token.version_id, "page": number, "action": "next", **answers},
            REMOTE_ADDR=address,
        )
    return response
