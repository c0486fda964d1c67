"""Open answers lose their text after the retention period; nothing else changes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from gehoord.surveys import service
from gehoord.surveys.models import Answer, Response
from gehoord.surveys.tests.factories import build_questionnaire, make_response

pytestmark = pytest.mark.django_db


def test_only_open_answers_of_older_responses_are_blanked(org_a, org_b):
    now = timezone.now()
    questionnaire = build_questionnaire(org_a)
    old = make_response(
        questionnaire,
        {"grade": 5, "improve": "Bel mij terug", "channel": "balie"},
        submitted_at=now - timedelta(days=20),
    )
    new = make_response(questionnaire, {"grade": 9, "improve": "Top"}, submitted_at=now)
    other = build_questionnaire(org_b)
    elsewhere = make_response(other, {"improve": "Ander"}, submitted_at=now - timedelta(days=20))
    cutoff = now - timedelta(days=10)

    assert service.blank_open_answers(org_a, cutoff, dry_run=True) == 1
    assert Answer.objects.filter(response=old, value_text="Bel mij terug").exists()
    assert service.blank_open_answers(org_a, cutoff) == 1
    assert service.blank_open_answers(org_a, cutoff) == 0

    def texts(response):
        return dict(
            Answer.objects.filter(response=response).values_list(
                "item__question__code", "value_text"
            )
        )

    old_texts = texts(old)
    assert "Bel mij terug" not in old_texts.values()
    assert "balie" in old_texts.values()  # a choice is not free text
    assert "Top" in texts(new).values()
    assert "Ander" in texts(elsewhere).values()
    assert Response.objects.filter(pk=old.pk).exists()
