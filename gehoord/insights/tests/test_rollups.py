"""The rollups must equal a direct computation from the answers (issue #5, item 2)."""

from collections import defaultdict
from datetime import timedelta

import pytest
from django.utils import timezone

from gehoord.framework.question_types import QuestionType
from gehoord.insights import periods, rollups
from gehoord.insights.models import DailyRollup, FigureRollup, Grain, SegmentRollup
from gehoord.surveys import service as survey_service
from gehoord.surveys.models import Answer, Response

pytestmark = pytest.mark.django_db


def direct_sums(organisation, key, first=None, last=None):
    """Σ per key computed in Python from every answer: the reference for the SQL."""
    sums = defaultdict(lambda: [0, 0.0, 0.0, 0, 0, 0])
    answers = Answer.objects.filter(
        response__organisation=organisation, item__type__in=rollups.NUMERIC_TYPES
    ).select_related("response", "item")
    for answer in answers:
        day = timezone.localtime(answer.response.submitted_at).date()
        if (first and day < first) or (last and day > last):
            continue
        row = sums[key(answer, day)]
        if answer.not_applicable:
            row[4] += 1
            continue
        if answer.value_number is None:
            continue
        value = float(answer.value_number)
        row[0] += 1
        row[1] += value
        row[2] += value * value
        kind = answer.item.type
        if (
            (kind == QuestionType.AGREEMENT and value >= 4)
            or (kind == QuestionType.YES_NO and value == 1)
            or (kind == QuestionType.GRADE and value >= 6)
        ):
            row[3] += 1
        if (kind == QuestionType.AGREEMENT and value <= 2) or (
            kind == QuestionType.YES_NO and value == 0
        ):
            row[5] += 1
    return {k: tuple(v) for k, v in sums.items() if v[0] or v[4]}


def rollup_sums(rows, key):
    sums = defaultdict(lambda: [0, 0.0, 0.0, 0, 0, 0])
    for row in rows:
        target = sums[key(row)]
        for index, column in enumerate(rollups.SUM_COLUMNS):
            target[index] += getattr(row, column)
    return {k: tuple(v) for k, v in sums.items()}


def assert_same(expected, actual):
    assert expected.keys() == actual.keys()
    for key, values in expected.items():
        got = actual[key]
        assert got[0] == values[0] and got[3:] == values[3:], key
        assert got[1] == pytest.approx(values[1]) and got[2] == pytest.approx(values[2]), key


def full_key(answer, day):
    r = answer.response
    return (
        r.questionnaire_id,
        answer.question_id,
        r.service_id,
        r.provider_id,
        r.team_id,
        r.channel,
        r.invitation_channel,
        r.district,
        r.age_band,
        day,
    )


def daily_key(row):
    return (
        row.questionnaire_id,
        row.question_id,
        row.service_id,
        row.provider_id,
        row.team_id,
        row.channel,
        row.invitation_channel,
        row.district,
        row.age_band,
        row.day,
    )


def figure_key(answer, day=None):
    r = answer.response
    return (answer.question_id, r.service_id, r.provider_id, r.team_id, r.channel)


def figure_row_key(row):
    return (row.question_id, row.service_id, row.provider_id, row.team_id, row.channel)


def test_daily_rollup_equals_the_answers(demo_org):
    rollups.rebuild(demo_org)
    expected = direct_sums(demo_org, full_key)
    assert len(expected) > 1000
    assert_same(expected, rollup_sums(DailyRollup.objects.filter(organisation=demo_org), daily_key))


def test_month_and_window_figures_equal_the_answers(demo_org):
    rollups.rebuild(demo_org)
    some_month = periods.add_months(periods.month_start(periods.today()), -3)
    month_rows = FigureRollup.objects.filter(
        organisation=demo_org, grain=Grain.MONTH, period_start=some_month
    )
    assert_same(
        direct_sums(demo_org, figure_key, some_month, periods.month_end(some_month)),
        rollup_sums(month_rows, figure_row_key),
    )

    start, end = periods.window_ending(periods.today())
    window_rows = FigureRollup.objects.filter(organisation=demo_org, grain=Grain.WINDOW)
    assert {(r.period_start, r.period_end) for r in window_rows} == {(start, end)}
    assert_same(
        direct_sums(demo_org, figure_key, start, end), rollup_sums(window_rows, figure_row_key)
    )

    previous = periods.previous_window(end)
    assert_same(
        direct_sums(demo_org, figure_key, *previous),
        rollup_sums(
            FigureRollup.objects.filter(organisation=demo_org, grain=Grain.PREVIOUS_WINDOW),
            figure_row_key,
        ),
    )


def test_segment_rollup_equals_the_answers(demo_org):
    rollups.rebuild(demo_org)
    start, end = periods.window_ending(periods.today())
    expected = direct_sums(demo_org, lambda a, d: (a.question_id, a.response.district), start, end)
    rows = SegmentRollup.objects.filter(
        organisation=demo_org, grain=Grain.WINDOW, dimension="district"
    )
    assert_same(expected, rollup_sums(rows, lambda r: (r.question_id, r.value)))


def test_rebuild_twice_gives_the_same_rows(demo_org):
    rollups.rebuild(demo_org)
    first = sorted(DailyRollup.objects.values_list(*rollups.SUM_COLUMNS, "day", "question_id"))
    rollups.rebuild(demo_org)
    again = sorted(DailyRollup.objects.values_list(*rollups.SUM_COLUMNS, "day", "question_id"))
    assert first == again


def answers_like(template: Response) -> dict:
    """The numeric answers of `template`, in the draft form import_responses takes."""
    return {
        str(a.item_id): (int(a.value_number) if a.value_number is not None else "na")
        for a in template.answers.exclude(value_number=None, not_applicable=False)
    }


def assert_daily_and_window_rollups_equal_the_answers(organisation):
    assert_same(
        direct_sums(organisation, full_key),
        rollup_sums(DailyRollup.objects.filter(organisation=organisation), daily_key),
    )
    start, end = periods.window_ending(periods.today())
    assert_same(
        direct_sums(organisation, figure_key, start, end),
        rollup_sums(
            FigureRollup.objects.filter(organisation=organisation, grain=Grain.WINDOW),
            figure_row_key,
        ),
    )


def test_refresh_picks_up_a_new_response_and_an_old_import(demo_org):
    rollups.rebuild(demo_org)
    template = Response.objects.filter(organisation=demo_org).first()
    answers = answers_like(template)
    now = timezone.now()
    long_ago = now - timedelta(days=400)
    survey_service.import_responses(
        template.version,
        [
            {
                "answers": answers,
                "submitted_at": now,
                "service": template.service,
                "provider": template.provider,
                "district": "Noord",
            },
            {"answers": answers, "submitted_at": long_ago, "service": template.service},
        ],
    )
    assert rollups.refresh_organisation(demo_org) >= 2
    assert_daily_and_window_rollups_equal_the_answers(demo_org)
    old_month = periods.month_start(timezone.localtime(long_ago).date())
    assert_same(
        direct_sums(demo_org, figure_key, old_month, periods.month_end(old_month)),
        rollup_sums(
            FigureRollup.objects.filter(
                organisation=demo_org, grain=Grain.MONTH, period_start=old_month
            ),
            figure_row_key,
        ),
    )


def test_first_refresh_builds_everything_then_only_what_arrived(demo_org):
    rollups.refresh_all()
    built = DailyRollup.objects.filter(organisation=demo_org).count()
    assert built > 1000
    # Only the overlap is looked at again; nothing arrived, so nothing changes.
    rollups.refresh_all()
    assert DailyRollup.objects.filter(organisation=demo_org).count() == built


def test_nightly_reconciliation_counts_a_response_committed_too_late(demo_org):
    rollups.rebuild(demo_org)
    template = Response.objects.filter(organisation=demo_org).first()
    answers = answers_like(template)
    rollups.refresh_organisation(demo_org)
    # A long import stamped received_at an hour ago and committed only now: the minute
    # refresh, which looks back OVERLAP, cannot see it.
    survey_service.import_responses(
        template.version,
        [{"answers": answers, "submitted_at": timezone.now(), "service": template.service}],
    )
    late = Response.objects.order_by("-submitted_at").first()
    Response.objects.filter(pk=late.pk).update(received_at=timezone.now() - timedelta(hours=1))
    rollups.refresh_organisation(demo_org)

    def counted(sums):
        return sum(values[0] for values in sums.values())

    rolled_up = rollup_sums(DailyRollup.objects.filter(organisation=demo_org), daily_key)
    assert counted(rolled_up) < counted(direct_sums(demo_org, full_key))

    assert rollups.reconcile_all() >= 1

    assert_daily_and_window_rollups_equal_the_answers(demo_org)


def test_a_response_arriving_today_rebuilds_the_current_window_only(demo_org):
    rollups.rebuild(demo_org)
    rollups.refresh_organisation(demo_org)

    def row_ids(grain):
        return set(
            FigureRollup.objects.filter(organisation=demo_org, grain=grain).values_list(
                "pk", flat=True
            )
        )

    previous, current = row_ids(Grain.PREVIOUS_WINDOW), row_ids(Grain.WINDOW)
    template = Response.objects.filter(organisation=demo_org).first()
    survey_service.import_responses(
        template.version,
        [
            {
                "answers": answers_like(template),
                "submitted_at": timezone.now(),
                "service": template.service,
            }
        ],
    )
    assert rollups.refresh_organisation(demo_org) == 1
    assert row_ids(Grain.PREVIOUS_WINDOW) == previous  # untouched
    assert row_ids(Grain.WINDOW) != current
    assert_daily_and_window_rollups_equal_the_answers(demo_org)
