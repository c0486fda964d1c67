"""A doubted open-link response counts in the figures only once an analyst calls it
genuine (issue 15): through the real rollup build and its periodic refresh."""

from datetime import timedelta

import pytest
from django.db.models import Sum
from django.utils import timezone

from gehoord.insights import rollups
from gehoord.insights.models import DailyRollup, FigureRollup, Grain
from gehoord.surveys import query as survey_query
from gehoord.surveys import service as survey_service
from gehoord.surveys.models import Response, Review
from gehoord.surveys.tests.factories import answer_open_link, build_questionnaire

pytestmark = pytest.mark.django_db

KIOSK = "192.0.2.10"


def grade_n(organisation, questionnaire) -> tuple[int, int]:
    """n of the grade question in the daily rows and in the month's figure."""
    question = questionnaire.items["grade"].question_id
    daily = DailyRollup.objects.filter(organisation=organisation, question_id=question)
    month = FigureRollup.objects.filter(
        organisation=organisation, question_id=question, grain=Grain.MONTH
    )
    return (
        daily.aggregate(n=Sum("n"))["n"] or 0,
        month.aggregate(n=Sum("n"))["n"] or 0,
    )


def test_the_analysts_decision_decides_whether_it_counts(client, clock, org_a, admin_a):
    questionnaire = build_questionnaire(org_a)
    answer_open_link(client, questionnaire, "8", KIOSK)
    answer_open_link(client, questionnaire, "8", KIOSK)
    copy = Response.objects.get(review=Review.PENDING)
    rollups.rebuild(org_a)
    assert grade_n(org_a, questionnaire) == (1, 1)  # waiting for review: not counted

    clock.shift(timedelta(minutes=10))
    survey_service.decide_review(copy, Review.GENUINE, admin_a)
    clock.shift(timedelta(minutes=1))
    assert rollups.refresh_organisation(org_a) == 1  # the reviewed day is recomputed
    assert grade_n(org_a, questionnaire) == (2, 2)

    clock.shift(timedelta(minutes=10))
    survey_service.decide_review(copy, Review.DUPLICATE, admin_a)
    clock.shift(timedelta(minutes=1))
    rollups.refresh_organisation(org_a)
    assert grade_n(org_a, questionnaire) == (1, 1)
    assert Response.objects.filter(questionnaire=questionnaire).count() == 2  # still kept


def test_respondent_level_reads_leave_out_what_does_not_count(client, org_a, admin_a):
    """Key drivers, text analysis and the digest read answers per response."""
    questionnaire = build_questionnaire(org_a)
    answer_open_link(client, questionnaire, "8", KIOSK)
    answer_open_link(client, questionnaire, "8", KIOSK)
    copy = Response.objects.get(review=Review.PENDING)
    question = questionnaire.items["grade"].question_id
    now = timezone.now()
    window = (org_a, [question], now - timedelta(days=1), now + timedelta(days=1))
    assert copy.pk not in {row[0] for row in survey_query.answer_values(*window)}
    survey_service.decide_review(copy, Review.GENUINE, admin_a)
    assert copy.pk in {row[0] for row in survey_query.answer_values(*window)}
