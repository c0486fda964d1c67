"""The board: goals with their current value, actions by status, blockers, wall mode."""

from datetime import date

import pytest
from django.urls import reverse

from gehoord.improvement.models import Status
from gehoord.improvement.tests.factories import make_action, make_goal
from gehoord.insights.tests.factories import make_window_grade

pytestmark = pytest.mark.django_db

# The board page whatever the number of goals: the goals share two queries (their questions
# and one summed rollup query); before batching each goal cost two of its own. One of the
# eight is the session's verified second-step device (django-otp).
QUERIES_BOARD = 8


def test_board_shows_goals_columns_blockers_and_wall_mode(client_a, measured_org):
    org = measured_org
    make_window_grade(org.questionnaire, 30, 7.2)
    make_goal(org, "overall_grade", target=7.5, deadline=date(2026, 12, 31))
    first = make_action(org, "Eerste", status=Status.PLANNED)
    second = make_action(
        org, "Tweede", blocked=True, blocker="Wacht op ICT", status=Status.IN_PROGRESS
    )
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


def test_board_query_count_does_not_grow_with_the_goals(
    client_a, measured_org, django_assert_max_num_queries
):
    for code in ("overall_grade", "effort", "trust"):
        make_goal(measured_org, code, target=7.5, deadline=date(2026, 12, 31))
    with django_assert_max_num_queries(QUERIES_BOARD):
        response = client_a.get(reverse("improvement:board"))
    assert len(response.context["goals"]) == 3
