"""Question fields: what staff typed is shown to residents as text, never as markup."""

import pytest
from django.urls import reverse

from gehoord.framework import service as framework_service
from gehoord.framework.question_types import QuestionType
from gehoord.framework.tests.factories import make_question, make_questionnaire
from gehoord.surveys import service
from gehoord.tenancy.roles import Role

ATTACK = "<img src=x onerror=alert(1)>"


@pytest.fixture
def hostile_questionnaire(org_a):
    """A published questionnaire whose question's help text (nl and en) carries markup, as
    an analyst could type it in the question bank."""
    question = make_question(
        org_a,
        "uitleg",
        QuestionType.GRADE,
        "Welk cijfer geeft u?",
        text_en="Which grade do you give?",
        help_nl=f"Uitleg {ATTACK}",
        help_en=f"Explanation {ATTACK}",
    )
    questionnaire = make_questionnaire(org_a, "Aanval")
    draft = framework_service.draft_of(questionnaire)
    framework_service.add_question(draft, question, page=1)
    questionnaire.version = framework_service.publish(draft)
    return questionnaire


def assert_escaped(page: str) -> None:
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<img src=x" not in page


def test_help_text_is_escaped_on_the_public_survey_page(client, hostile_questionnaire):
    token = service.issue_token(hostile_questionnaire)
    url = reverse("surveys:answer", args=[token.token])
    assert_escaped(client.get(url).content.decode())
    assert_escaped(client.get(url + "?taal=en").content.decode())


def test_help_text_is_escaped_on_the_interviewer_form(
    client, make_member, org_a, hostile_questionnaire
):
    client.force_login(make_member(Role.INTERVIEWER, org_a))
    url = reverse("surveys:entry_form", args=[hostile_questionnaire.version.pk])
    page = client.get(url).content.decode()
    assert_escaped(page)
    # Also when the form comes back with errors.
    assert_escaped(client.post(url, {"ctx-channel": "phone"}).content.decode())
