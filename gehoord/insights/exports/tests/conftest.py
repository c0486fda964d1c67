from datetime import timedelta

import pytest
from django.utils import timezone
from huey.contrib.djhuey import HUEY

from gehoord.catalog.models import Provider, Team
from gehoord.surveys.answers import answer_row
from gehoord.surveys.conditions import NOT_APPLICABLE
from gehoord.surveys.models import Answer, Response
from gehoord.surveys.tests.factories import build_questionnaire


@pytest.fixture
def immediate_huey():
    HUEY.immediate = True
    yield
    HUEY.immediate = False


def answer(questionnaire, response, key, value):
    return answer_row(response, questionnaire.items[key], value)


@pytest.fixture
def small_survey(org_a):
    """Twelve responses of organisation A to a questionnaire with every question type.

    Minimum n is 5. Eleven responses come from district Noord through provider "Thuiszorg
    Oost"; one came from district Zuid through team KCC, a group of one.
    """
    org_a.minimum_n = 5
    org_a.save()
    questionnaire = build_questionnaire(org_a)
    provider = Provider.objects.create(organisation=org_a, name="Thuiszorg Oost")
    team = Team.objects.create(organisation=org_a, name="KCC")
    now = timezone.now()
    answers = []
    for i in range(12):
        lonely = i == 11
        response = Response.objects.create(
            organisation=org_a,
            questionnaire=questionnaire,
            version=questionnaire.version,
            service=questionnaire.service,
            provider=None if lonely else provider,
            team=team if lonely else None,
            district="Zuid" if lonely else "Noord",
            age_band="45-64",
            invitation_channel="email",
            channel="web",
            language="nl",
            submitted_at=now - timedelta(days=1 + i),
        )
        response.index = i
        answers += [
            answer(questionnaire, response, "grade", 5 + i % 5),
            answer(questionnaire, response, "effort", NOT_APPLICABLE if i == 0 else 1 + i % 5),
            answer(questionnaire, response, "channel", "balie"),
            answer(questionnaire, response, "topics", ["geld", "werk"]),
            answer(questionnaire, response, "follow_up", i % 2),
            answer(
                questionnaire,
                response,
                "improve",
                '=HYPERLINK("http://x")' if i == 1 else f"Sneller antwoord {i}",
            ),
            answer(questionnaire, response, "visits", i),
            answer(questionnaire, response, "date", "2026-01-05"),
        ]
    Answer.objects.bulk_create(answers)
    questionnaire.provider, questionnaire.team = provider, team
    return questionnaire
