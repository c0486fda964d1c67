"""The effect of an action against its trend (segmented regression) and against untouched
units (difference-in-differences), on month rollups, scoped to the action's team or
provider, with suppressed months left out. The simulations use explicit numpy seeds and run
the real read (`effect_of`) on rollups written for each seed."""

from datetime import date, timedelta

import numpy as np
import pytest

from gehoord.catalog.tests.factories import make_provider, make_team
from gehoord.improvement.effect import (
    COMPARISON_WORDS,
    MONTHS_BEFORE,
    TREND_WORDS,
    effect_of,
    month_positions,
)
from gehoord.improvement.trend import (
    MINIMUM_MONTHS_AFTER,
    MINIMUM_MONTHS_BEFORE,
    Direction,
    difference_in_differences,
    segmented_regression,
)
from gehoord.insights import query as periods
from gehoord.insights.models import FigureRollup, Grain
from gehoord.insights.query import TOO_FEW

pytestmark = pytest.mark.django_db

SD = 1.6  # spread of single grades around the month's mean


def grade_sums(rng, n: int, mean: float) -> dict:
    values = rng.normal(mean, SD, size=n)
    return dict(n=n, total=float(values.sum()), total_sq=float((values**2).sum()))


def grade_rollup(org, start: date, sums: dict, **fields) -> FigureRollup:
    return FigureRollup(
        organisation=org,
        questionnaire=org.questionnaire,
        question=org.grade_question,
        grain=Grain.MONTH,
        period_start=start,
        period_end=periods.month_end(start),
        **sums,
        **fields,
    )


@pytest.fixture
def graded_org(measured_org):
    from gehoord.framework.models import Question

    measured_org.grade_question = Question.objects.get(organisation=measured_org, code="core_grade")
    return measured_org


def done_date(seed: int) -> date:
    """Each seed gets its own stretch of 16 months, far enough apart not to overlap."""
    return periods.add_months(date(2026, 6, 15), -16 * seed)


def simulate(org, seeds: int, step: float, months_after: int = 3, slope: float = 0.04):
    """A grade rising `slope` a month, jumping by `step` after the action; 25–80 answers a
    month. Returns the effects, one per seed."""
    rows = []
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        for start, k in month_positions(done_date(seed), months_after):
            mean = 6.4 + slope * k + (step if k > 0 else 0.0)
            rows.append(grade_rollup(org, start, grade_sums(rng, int(rng.integers(25, 81)), mean)))
    FigureRollup.objects.bulk_create(rows)
    return [effect_of(org, "overall_grade", done_date(seed), months_after) for seed in range(seeds)]


def test_the_months_are_twelve_before_and_the_chosen_number_after_without_the_done_month():
    positions = month_positions(date(2025, 5, 14), 3)
    assert positions[0] == (date(2024, 5, 1), -MONTHS_BEFORE)
    assert positions[MONTHS_BEFORE - 1] == (date(2025, 4, 1), -1)
    assert positions[MONTHS_BEFORE:] == [
        (date(2025, 6, 1), 1),
        (date(2025, 7, 1), 2),
        (date(2025, 8, 1), 3),
    ]


def test_a_null_action_on_a_rising_grade_reads_no_difference_from_the_trend(graded_org):
    effects = simulate(graded_org, seeds=60, step=0.0)
    directions = [e.trend.direction for e in effects]
    # A before/after comparison of these series reads "duidelijk hoger" almost always;
    # against the trend, the false-positive rate is the test's 5 % (allow 90 %).
    assert np.mean([d is Direction.NONE for d in directions]) >= 0.9
    assert effects[0].verdict_words == str(TREND_WORDS[Direction.NONE])
    assert all(e.trend.months_before == 12 and e.trend.months_after == 3 for e in effects)


def test_a_real_jump_is_found(graded_org):
    # A jump of 0.8 grade points on 25–80 answers a month, 12 months before and 3 after:
    # the simulated power is about 90 %; require 80 %.
    effects = simulate(graded_org, seeds=60, step=0.8)
    assert np.mean([e.trend.direction is Direction.HIGHER for e in effects]) >= 0.8
    higher = next(e for e in effects if e.trend.direction is Direction.HIGHER)
    assert higher.verdict_words == str(TREND_WORDS[Direction.HIGHER])
    level = np.mean([e.trend.level_change.value for e in effects])
    assert level == pytest.approx(0.8, abs=0.15)


def test_a_team_action_uses_only_its_team_and_compares_with_the_other_teams(graded_org):
    org = graded_org
    own, other = make_team(org, "Werk & Inkomen"), make_team(org, "KCC")
    done_on = date(2025, 6, 10)
    rng = np.random.default_rng(7)
    rows = []
    for start, k in month_positions(done_on, 4):
        # Own team: flat; the other team jumps by two points after the done date.
        rows.append(grade_rollup(org, start, grade_sums(rng, 60, 7.0), team=own))
        rows.append(
            grade_rollup(org, start, grade_sums(rng, 60, 6.0 + (2.0 if k > 0 else 0)), team=other)
        )
    FigureRollup.objects.bulk_create(rows)

    effect = effect_of(org, "overall_grade", done_on, 4, team_id=own.pk)
    organisation_wide = effect_of(org, "overall_grade", done_on, 4)

    assert effect.scope == "team"
    assert [m.figure.n for m in effect.months] == [60] * 16
    assert effect.trend.direction is Direction.NONE
    assert organisation_wide.trend.direction is Direction.HIGHER
    assert effect.comparison_units == 1
    assert effect.difference.direction is Direction.LOWER
    assert effect.difference.change.value == pytest.approx(-2.0, abs=0.5)
    assert effect.comparison_words == str(COMPARISON_WORDS[Direction.LOWER])


def test_a_comparison_unit_with_a_suppressed_month_is_left_out(graded_org):
    org = graded_org
    provider, small = make_provider(org, "Zorg Plus"), make_provider(org, "Klein")
    done_on = date(2025, 6, 10)
    rng = np.random.default_rng(3)
    rows = []
    for i, (start, _k) in enumerate(month_positions(done_on, 3)):
        rows.append(grade_rollup(org, start, grade_sums(rng, 40, 7.0), provider=provider))
        n = 5 if i == 4 else 40  # one month of the other provider below the minimum of 10
        rows.append(grade_rollup(org, start, grade_sums(rng, n, 6.0), provider=small))
    FigureRollup.objects.bulk_create(rows)

    effect = effect_of(org, "overall_grade", done_on, 3, provider_id=provider.pk)

    assert effect.trend is not None
    assert effect.difference is None and effect.comparison_units == 0
    assert effect.comparison_words == ""


def test_suppressed_months_are_not_used_and_too_few_months_say_so(graded_org):
    org = graded_org
    done_on = date(2025, 6, 10)
    rng = np.random.default_rng(5)
    rows = []
    for start, k in month_positions(done_on, 3):
        n = 4 if k in (1, 2) else 40  # two of the three months after below the minimum n
        rows.append(grade_rollup(org, start, grade_sums(rng, n, 7.0)))
    FigureRollup.objects.bulk_create(rows)

    effect = effect_of(org, "overall_grade", done_on, 3)

    hidden = [m for m in effect.months if not m.used]
    assert [m.position for m in hidden] == [1, 2]
    assert all(m.figure.display == str(TOO_FEW) for m in hidden)
    assert effect.trend is None and effect.verdict_words == ""
    assert (effect.before_used, effect.after_used) == (12, 1)
    assert str(MINIMUM_MONTHS_AFTER) in effect.too_few_months
    assert str(MINIMUM_MONTHS_BEFORE) in effect.too_few_months


def test_months_that_have_not_ended_are_left_out(graded_org):
    # Done early last month: the three months after it are this month and the two after,
    # none of which has ended at the frozen test moment.
    done = periods.add_months(periods.month_start(periods.today()), -1) + timedelta(days=2)
    effect = effect_of(graded_org, "overall_grade", done, 3)
    assert [m.start for m in effect.months if m.position > 0] == []
    assert not effect.complete


def test_an_indicator_without_questions_gives_no_trend(graded_org):
    effect = effect_of(graded_org, "no_such_indicator", date(2025, 5, 1), 3)
    assert effect.trend is None and all(not m.used for m in effect.months)


def test_the_regressions_need_enough_months_on_both_sides():
    positions = list(range(-5, 0)) + [1, 2, 3]
    assert segmented_regression(positions, [7.0] * 8, [30] * 8) is None
    assert difference_in_differences(positions, [7.0] * 8, [6.0] * 8) is None


def test_a_perfect_step_on_a_line_is_measured_exactly():
    positions = list(range(-8, 0)) + [1, 2, 3, 4]
    values = [6 + 0.1 * k + (0.5 if k > 0 else 0) + 0.01 * (-1) ** k for k in positions]
    result = segmented_regression(positions, values, [40] * len(positions))
    assert result.level_change.value == pytest.approx(0.5, abs=0.05)
    assert result.slope_change.value == pytest.approx(0.0, abs=0.02)
    assert result.direction is Direction.HIGHER
