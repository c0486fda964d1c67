"""The effect of an action: before vs after sums from month rollups, tested, suppressed."""

from datetime import date

import pytest

from gehoord.improvement.effect import effect_of, windows
from gehoord.insights.query import TOO_FEW, VERDICT_WORDS
from gehoord.insights.stats import (
    MeanSums,
    ShareCounts,
    Verdict,
    compare_means,
    compare_proportions,
)

pytestmark = pytest.mark.django_db


def test_windows_have_the_same_length_and_leave_out_the_done_month():
    before, after = windows(date(2025, 5, 14), 3)
    assert (before.start, before.end) == (date(2025, 2, 1), date(2025, 4, 30))
    assert (after.start, after.end) == (date(2025, 6, 1), date(2025, 8, 31))


def test_grade_effect_sums_the_months_of_each_window(measured_org, add_month):
    org = measured_org
    # Before: Feb–Apr 2025, three months of 20 grades around 6.5.
    for month in (2, 3, 4):
        add_month(org, "core_grade", date(2025, month, 1), 20, 20 * 6.5, 20 * 6.5**2 + 19)
    # The done month itself and a month outside the windows must not count.
    add_month(org, "core_grade", date(2025, 5, 1), 50, 50 * 1.0, 50 * 1.0 + 49)
    add_month(org, "core_grade", date(2024, 12, 1), 50, 50 * 1.0, 50 * 1.0 + 49)
    # After: Jun–Aug 2025, grades around 7.5.
    for month in (6, 7, 8):
        add_month(org, "core_grade", date(2025, month, 1), 20, 20 * 7.5, 20 * 7.5**2 + 19)

    effect = effect_of(org, "overall_grade", date(2025, 5, 14), 3)

    before = MeanSums(60, 60 * 6.5, 60 * 6.5**2 + 57)
    after = MeanSums(60, 60 * 7.5, 60 * 7.5**2 + 57)
    assert effect.before.n == 60 and effect.after.n == 60
    assert effect.before.value == pytest.approx(6.5)
    assert effect.after.value == pytest.approx(7.5)
    expected_ci = after.estimate()
    assert effect.after.ci_low == pytest.approx(expected_ci.ci_low)
    assert effect.after.ci_high == pytest.approx(expected_ci.ci_high)
    assert effect.after.comparison == compare_means(after, before)
    assert effect.after.comparison.verdict == Verdict.CLEARLY_HIGHER
    assert effect.verdict_words == str(VERDICT_WORDS[Verdict.CLEARLY_HIGHER])
    assert effect.complete


def test_share_indicator_uses_percentage_agreeing(measured_org, add_month):
    org = measured_org
    add_month(org, "hd_vertrouwen", date(2025, 1, 1), 100, 350, 1300, favourable=50)
    add_month(org, "hd_vertrouwen", date(2025, 3, 1), 100, 350, 1300, favourable=55)
    effect = effect_of(org, "trust", date(2025, 2, 10), 1)
    assert effect.before.kind == "share"
    assert effect.before.value == pytest.approx(50.0)
    assert effect.after.value == pytest.approx(55.0)
    assert effect.after.comparison == compare_proportions(
        ShareCounts(100, 55), ShareCounts(100, 50)
    )
    assert effect.verdict_words == str(VERDICT_WORDS[Verdict.NO_CLEAR_DIFFERENCE])


def test_too_few_responses_are_suppressed_and_give_no_verdict(measured_org, add_month):
    org = measured_org
    assert org.minimum_n == 10
    add_month(org, "core_grade", date(2025, 4, 1), 9, 9 * 5.0, 9 * 25.0 + 8)
    add_month(org, "core_grade", date(2025, 6, 1), 40, 40 * 8.0, 40 * 64.0 + 39)
    effect = effect_of(org, "overall_grade", date(2025, 5, 1), 1)
    assert effect.before.suppressed and not effect.before.shown
    assert effect.before.display == str(TOO_FEW)
    assert effect.after.shown
    assert effect.verdict_words == ""


def test_indicator_without_questions_gives_an_empty_suppressed_effect(measured_org):
    effect = effect_of(measured_org, "no_such_indicator", date(2025, 5, 1), 3)
    # A hidden figure shows no n (insights.disclosure).
    assert effect.before.n is None and not effect.after.shown and effect.verdict_words == ""
