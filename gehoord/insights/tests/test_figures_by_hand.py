"""Figures on small fixtures against values worked out by hand (issue #5's list): mean, t
interval, %, rolling-window edges, month boundaries in Europe/Amsterdam, suppression at
n = minimum − 1 and n = minimum, and rollups equal to the answers after random inserts."""

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from gehoord.framework.models import Question
from gehoord.framework.tests.factories import published_questionnaire
from gehoord.insights import metrics, periods, rollups
from gehoord.insights.models import FigureRollup, Grain
from gehoord.surveys import service as survey_service

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def grade_version(org_a):
    questionnaire = published_questionnaire(org_a, "Paspoort", codes=("core_grade", "core_effort"))
    items = questionnaire.items
    return questionnaire.version, items["core_grade"], items["core_effort"]


def answer(version_items, moments_and_values):
    version, grade, effort = version_items
    survey_service.import_responses(
        version,
        [
            {"answers": {str(grade.pk): g, str(effort.pk): e}, "submitted_at": moment}
            for moment, g, e in moments_and_values
        ],
    )


def local(day, hour, minute=0):
    return datetime.combine(day, time(hour, minute), AMSTERDAM)


def window_grade(organisation):
    figures = metrics.question_figures(organisation, periods.rolling_window())
    return next(f for f in figures if f.code == "core_grade")


def test_mean_interval_and_share_by_hand(org_a, grade_version):
    today = periods.today()
    answer(
        grade_version,
        [(local(today, 9), g, e) for g, e in [(6, 5), (7, 4), (8, 3), (9, 2), (10, "na")]],
    )
    rollups.rebuild(org_a)
    org_a.minimum_n = 5
    grade = window_grade(org_a)
    # Mean 8; sd = √2.5 = 1.5811; t(0.975, 4) = 2.7764; half width = 2.7764 × 1.5811 / √5.
    assert grade.mean.value == pytest.approx(8.0)
    assert grade.mean.ci_low == pytest.approx(8 - 1.9632, abs=1e-3)
    assert grade.mean.ci_high == pytest.approx(8 + 1.9632, abs=1e-3)
    # Grade 6 or more: all five.
    assert grade.share.value == pytest.approx(100.0)
    effort = next(
        f
        for f in metrics.question_figures(org_a, periods.rolling_window())
        if f.code == "core_effort"
    )
    # Four valid answers (n.v.t. left out), two of them 4 or 5: 50 %.
    # Below this organisation's minimum: hidden, and without its n, which stays inside.
    assert effort.share.n is None and effort.share._n == 4
    assert effort.share.value == pytest.approx(50.0)
    assert effort.sums.not_applicable == 1


def test_suppression_at_minimum_minus_one_and_at_minimum(org_a, grade_version):
    today = periods.today()
    answer(grade_version, [(local(today, 9), 7, 4)] * 5)
    rollups.rebuild(org_a)
    org_a.minimum_n = 6
    assert window_grade(org_a).mean.suppressed
    assert window_grade(org_a).mean.display == "te weinig reacties"
    org_a.minimum_n = 5
    assert window_grade(org_a).mean.shown
    assert window_grade(org_a).mean.display == "7,0"


def test_window_edges_follow_the_local_day(org_a, grade_version):
    start, end = periods.window_ending(periods.today())
    answer(
        grade_version,
        [
            (local(start, 0, 30), 10, 5),  # first local day of the window: in
            (local(start - timedelta(days=1), 23, 30), 1, 1),  # the evening before: out
            (local(end, 23, 30), 8, 4),  # late on the last day: in
        ],
    )
    rollups.rebuild(org_a)
    org_a.minimum_n = 1
    grade = window_grade(org_a)
    assert grade.mean.n == 2 and grade.mean.value == pytest.approx(9.0)


def test_month_boundary_in_amsterdam_time(org_a, grade_version):
    first = periods.add_months(periods.month_start(periods.today()), -3)
    last_of_previous = first - timedelta(days=1)
    # 23:30 on the last day of the previous month, Amsterdam time, is 21:30 or 22:30 UTC;
    # 00:30 on the first is still the previous day in UTC: it must count for the new month.
    answer(grade_version, [(local(last_of_previous, 23, 30), 4, 2), (local(first, 0, 30), 9, 5)])
    rollups.rebuild(org_a)
    org_a.minimum_n = 1
    new_month = metrics.question_figures(org_a, periods.month(first.year, first.month))
    old_month = metrics.question_figures(
        org_a, periods.month(last_of_previous.year, last_of_previous.month)
    )
    assert next(f for f in new_month if f.code == "core_grade").mean.value == 9
    assert next(f for f in old_month if f.code == "core_grade").mean.value == 4


def test_rollups_equal_the_answers_after_random_inserts(org_a, grade_version):
    rng = random.Random(7)
    today = periods.today()
    rollups.refresh_organisation(org_a)
    expected: dict = {}
    for _ in range(5):
        batch = []
        for _ in range(rng.randint(1, 15)):
            day = today - timedelta(days=rng.randint(0, 500))
            moment = local(day, rng.randint(0, 23), rng.randint(0, 59))
            batch.append((moment, rng.randint(1, 10), rng.randint(1, 5)))
        answer(grade_version, batch)
        for moment, grade, _ in batch:
            first = periods.month_start(moment.date())
            n, total = expected.get(first, (0, 0))
            expected[first] = (n + 1, total + grade)
        rollups.refresh_organisation(org_a)
        grade_id = Question.objects.get(organisation=org_a, code="core_grade").pk
        found = {}
        for row in FigureRollup.objects.filter(
            organisation=org_a, grain=Grain.MONTH, question_id=grade_id
        ):
            n, total = found.get(row.period_start, (0, 0))
            found[row.period_start] = (n + row.n, total + row.total)
        assert found == expected
