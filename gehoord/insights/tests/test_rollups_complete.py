"""Every rollup row a rebuild stores equals a direct computation over the raw answers of a
small fixture: every month's figures, both windows, and every segment attribute at every
grain (the rebuild builds them in a few set-based statements; this is what keeps them
exact)."""

import random
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from gehoord.framework.tests.factories import published_questionnaire
from gehoord.insights import periods, rollups
from gehoord.insights.models import FigureRollup, Grain, SegmentDimension, SegmentRollup
from gehoord.surveys import service as survey_service

from .test_rollups import assert_same, direct_sums, rollup_sums

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def small_world(org_a):
    """Forty responses over five months (some in the last minutes of a month in Amsterdam
    time, some in today's and the previous window), with every segment attribute varied
    and a "not applicable" among the answers."""
    questionnaire = published_questionnaire(org_a, "Paspoort", codes=("core_grade", "core_effort"))
    grade, effort = questionnaire.items["core_grade"], questionnaire.items["core_effort"]
    rng = random.Random(16)
    today = periods.today()
    days = [today, today - timedelta(days=periods.window_length() + 3)]
    days += [periods.month_end(periods.add_months(today, -back)) for back in range(1, 4)]
    records = []
    for index in range(40):
        day = days[index % len(days)]
        moment = datetime.combine(day, time(23, 55) if index % 3 else time(0, 5), AMSTERDAM)
        records.append(
            {
                "answers": {
                    str(grade.pk): rng.randint(1, 10),
                    str(effort.pk): "na" if index % 7 == 0 else rng.randint(1, 5),
                },
                "submitted_at": moment,
                "channel": rng.choice(["web", "phone", "paper"]),
                "district": rng.choice(["Noord", "Zuid", ""]),
                "age_band": rng.choice(["18-34", "65+"]),
                "invitation_channel": rng.choice(["email", "letter", ""]),
            }
        )
    survey_service.import_responses(questionnaire.version, records)
    return org_a, questionnaire


def figure_key(answer, day):
    r = answer.response
    return (
        r.questionnaire_id,
        answer.question_id,
        r.service_id,
        r.provider_id,
        r.team_id,
        r.channel,
    )


def figure_row_key(row):
    return (
        row.questionnaire_id,
        row.question_id,
        row.service_id,
        row.provider_id,
        row.team_id,
        row.channel,
    )


def month_key(key):
    return lambda answer, day: (periods.month_start(day), periods.month_end(day), *key(answer, day))


def test_every_rollup_row_equals_the_answers(small_world):
    organisation, _questionnaire = small_world
    rollups.rebuild(organisation)
    today = periods.today()
    windows = {
        Grain.WINDOW: periods.window_ending(today),
        Grain.PREVIOUS_WINDOW: periods.previous_window(today),
    }

    months = FigureRollup.objects.filter(organisation=organisation, grain=Grain.MONTH)
    expected = direct_sums(organisation, month_key(figure_key))
    assert len({key[0] for key in expected}) >= 4
    assert_same(
        expected, rollup_sums(months, lambda r: (r.period_start, r.period_end, *figure_row_key(r)))
    )
    for grain, (start, end) in windows.items():
        rows = FigureRollup.objects.filter(organisation=organisation, grain=grain)
        assert_same(
            direct_sums(
                organisation, lambda a, d, s=start, e=end: (s, e, *figure_key(a, d)), start, end
            ),
            rollup_sums(rows, lambda r: (r.period_start, r.period_end, *figure_row_key(r))),
        )

    for dimension in SegmentDimension.values:

        def segment_key(answer, day, dimension=dimension):
            return (*figure_key(answer, day), getattr(answer.response, dimension))

        def segment_row_key(row):
            return (row.period_start, row.period_end, *figure_row_key(row), row.value)

        rows = SegmentRollup.objects.filter(organisation=organisation, dimension=dimension)
        expected = direct_sums(organisation, month_key(segment_key))
        assert len({key[-1] for key in expected}) >= 2, dimension
        assert_same(expected, rollup_sums(rows.filter(grain=Grain.MONTH), segment_row_key))
        for grain, (start, end) in windows.items():
            assert_same(
                direct_sums(
                    organisation,
                    lambda a, d, s=start, e=end: (s, e, *segment_key(a, d)),
                    start,
                    end,
                ),
                rollup_sums(rows.filter(grain=grain), segment_row_key),
            )


def test_a_refresh_of_some_months_equals_a_rebuild(small_world):
    """A refresh rebuilds only the months that changed (not one range of days): the rows
    equal what a full rebuild stores."""
    organisation, questionnaire = small_world
    rollups.rebuild(organisation)
    grade = questionnaire.items["core_grade"]
    long_ago = datetime.combine(periods.add_months(periods.today(), -3), time(12), AMSTERDAM)
    survey_service.import_responses(
        questionnaire.version,
        [
            {"answers": {str(grade.pk): 7}, "submitted_at": moment, "district": "Oost"}
            for moment in (long_ago, long_ago - timedelta(days=62), datetime.now(AMSTERDAM))
        ],
    )
    assert rollups.refresh_organisation(organisation) >= 3

    def stored():
        columns = (
            "grain",
            "period_start",
            "period_end",
            "question_id",
            "channel",
            *rollups.SUM_COLUMNS,
        )
        return (
            sorted(FigureRollup.objects.filter(organisation=organisation).values_list(*columns)),
            sorted(
                SegmentRollup.objects.filter(organisation=organisation).values_list(
                    "dimension", "value", *columns
                )
            ),
        )

    refreshed = stored()
    rollups.rebuild(organisation)
    assert stored() == refreshed
