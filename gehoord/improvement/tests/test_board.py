"""The board: goals with their current value, actions by status, blockers, wall mode."""

from datetime import date

import pytest
from django.urls import reverse

from gehoord.framework.models import Question
from gehoord.improvement.models import Action, Goal, Status
from gehoord.insights import query as insights_query
from gehoord.insights.models import FigureRollup, Grain

pytestmark = pytest.mark.django_db

# The board page whatever the number of goals: the goals share two queries (their questions
# and one summed rollup query); before batching each goal cost two of its own.
QUERIES_BOARD = 7


def test_board_shows_goals_columns_blockers_and_wall_mode(client_a, measured_org, indicator):
    org = measured_org
    window = insights_query.rolling_window()
    FigureRollup.objects.create(
        organisation=org, questionnaire=org.questionnaire,
        question=Question.objects.get(organisation=org, code="core_grade"), grain=Grain.WINDOW,
        period_start=window.start, period_end=window.end, n=30, total=30 * 7.2,
        total_sq=30 * 7.2**2 + 29)
    Goal.objects.create(organisation=org, indicator=indicator(org, "overall_grade"), target=7.5,
                        deadline=date(2026, 12, 31))
    first = Action.objects.create(organisation=org, title="Eerste", status=Status.PLANNED)
    second = Action.objects.create(organisation=org, title="Tweede", blocked=True,
                                   blocker="Wacht op ICT", status=Status.IN_PROGRESS)
    second.waits_for.add(first)
    response = client_a.get(reverse("improvement:board"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Wacht op ICT" in body and "Eerste" in body and "main-nav" in body
    columns = {code: [a.title for a in items] for code, _, items in response.context["columns"]}
    assert columns["planned"] == ["Eerste"] and columns["in_progress"] == ["Tweede"]
    goal = response.context["goals"][0]
    assert goal.current.n == 30 and goal.current.value == pytest.approx(7.2)
    assert not goal.reached
    wall = client_a.get(reverse("improvement:board") + "?wand=1").content.decode()
    assert "main-nav" not in wall and "board--wall" in wall


def test_board_query_count_does_not_grow_with_the_goals(client_a, measured_org, indicator,
                                                        django_assert_max_num_queries):
    for code in ("overall_grade", "effort", "trust"):
        Goal.objects.create(organisation=measured_org, indicator=indicator(measured_org, code),
                            target=7.5, deadline=date(2026, 12, 31))
    with django_assert_max_num_queries(QUERIES_BOARD):
        response = client_a.get(reverse("improvement:board"))
    assert len(response.context["goals"]) == 3
