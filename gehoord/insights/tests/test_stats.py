"""The estimates and tests of insights.stats against numpy/scipy on raw data and hand values."""

import math
from decimal import Decimal

import numpy as np
import pytest
from django.utils import translation
from scipy import stats as scipy_stats

from gehoord.insights.stats import (
    TWO_PROPORTION_Z,
    WELCH_T,
    Comparison,
    MeanEstimate,
    MeanSums,
    ShareCounts,
    Verdict,
    compare_mean_to_rest,
    compare_means,
    compare_proportion_to_rest,
    compare_proportions,
    mean_from_sums,
    proportion,
    sums_of,
)

RNG = np.random.default_rng(20260101)

DATA_SETS = {
    "five grades": [7, 8, 6, 9, 5],
    "two values": [4.0, 9.5],
    "many normal": list(RNG.normal(7.2, 1.4, size=500)),
    "skewed grades": list(RNG.choice([1, 5, 6, 7, 8, 9, 10], size=137)),
    # Σx² − (Σx)²/n loses about ε·(mean/sd)² of the sd; here ~1e-11, within the tolerance.
    "large magnitude": list(1_000 + RNG.normal(0, 3, size=50)),
}


def sums(values):
    values = np.asarray(values, dtype=float)
    return len(values), float(values.sum()), float((values**2).sum())


# --- means -------------------------------------------------------------------------------------


@pytest.mark.parametrize("values", DATA_SETS.values(), ids=DATA_SETS.keys())
@pytest.mark.parametrize("confidence", [0.95, 0.9])
def test_mean_from_sums_equals_numpy_and_scipy_on_raw_data(values, confidence):
    estimate = mean_from_sums(*sums(values), confidence=confidence)

    raw = np.asarray(values, dtype=float)
    low, high = scipy_stats.t.interval(
        confidence, len(raw) - 1, loc=raw.mean(), scale=scipy_stats.sem(raw)
    )
    assert estimate.n == len(raw)
    assert estimate.mean == pytest.approx(raw.mean(), rel=1e-12)
    assert estimate.sd == pytest.approx(raw.std(ddof=1), rel=1e-6)
    assert estimate.ci_low == pytest.approx(low, rel=1e-9)
    assert estimate.ci_high == pytest.approx(high, rel=1e-9)


@pytest.mark.parametrize("value", [7.3, 0.1, 10.0, 1e6 + 0.7])
def test_all_equal_values_have_zero_sd_and_a_point_interval(value):
    estimate = mean_from_sums(*sums([value] * 12))

    assert estimate.mean == pytest.approx(value)
    assert estimate.sd == 0
    assert estimate.ci_low == estimate.ci_high == estimate.mean


def test_a_tiny_negative_variance_from_rounding_is_taken_as_zero():
    # Σx² a hair below (Σx)²/n, as floating-point sums in a database can give.
    estimate = mean_from_sums(3, 21.0, 147.0 - 1e-12)

    assert estimate.sd == 0
    assert estimate.mean == 7.0


def test_one_value_gives_the_mean_without_sd_or_interval():
    assert mean_from_sums(1, 8.0, 64.0) == MeanEstimate(
        n=1, mean=8.0, sd=None, ci_low=None, ci_high=None
    )


def test_no_values_give_nothing():
    assert mean_from_sums(0, 0.0, 0.0) == MeanEstimate(
        n=0, mean=None, sd=None, ci_low=None, ci_high=None
    )


@pytest.mark.parametrize("confidence", [0, 1, 1.5, -0.1])
def test_confidence_outside_0_1_is_refused(confidence):
    with pytest.raises(ValueError, match="confidence"):
        mean_from_sums(5, 30.0, 200.0, confidence=confidence)


def test_mean_sums_add_and_subtract_like_the_raw_data():
    first, second = [7, 8, 6, 9], [3, 10, 8]
    combined = MeanSums.from_values(first) + MeanSums.from_values(second)

    assert combined == MeanSums.from_values(first + second)
    assert combined - MeanSums.from_values(second) == MeanSums.from_values(first)
    assert sum([MeanSums.from_values(first), MeanSums.from_values(second)], MeanSums()) == combined
    assert combined.estimate().mean == pytest.approx(np.mean(first + second))


def test_decimal_sums_from_the_database_are_accepted():
    # Sum() over a DecimalField gives Decimal; the answers 7.50, 8.00 and 6.25.
    from_db = MeanSums(3, Decimal("21.75"), Decimal("159.3125"))

    assert from_db + MeanSums.from_values([9.0]) == MeanSums.from_values([7.5, 8.0, 6.25, 9.0])
    assert from_db.estimate() == MeanSums.from_values([7.5, 8.0, 6.25]).estimate()
    assert mean_from_sums(3, Decimal("21.75"), Decimal("159.3125")).sd == pytest.approx(
        np.std([7.5, 8.0, 6.25], ddof=1)
    )


def test_taking_more_away_than_there_is_is_refused():
    with pytest.raises(ValueError, match="larger than the whole"):
        MeanSums.from_values([1, 2]) - MeanSums.from_values([1, 2, 3])


@pytest.mark.parametrize("values", [[], [6.0], [7, 8, 6, 9, 5]])
def test_sums_of_an_estimate_recovers_the_sums(values):
    original = MeanSums.from_values(values)

    recovered = sums_of(original.estimate())

    assert recovered.n == original.n
    assert recovered.total == pytest.approx(original.total)
    assert recovered.total_sq == pytest.approx(original.total_sq)


# --- shares ------------------------------------------------------------------------------------


def test_wilson_interval_equals_the_hand_value():
    estimate = proportion(10, 3)

    # Wilson by hand: (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n), z = Φ⁻¹(0.975).
    n, p, z = 10, 0.3, 1.959963984540054
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert estimate.share == 0.3
    assert estimate.ci_low == pytest.approx(centre - half, rel=1e-9)
    assert estimate.ci_high == pytest.approx(centre + half, rel=1e-9)
    # The value found in textbooks for 3 of 10.
    assert round(estimate.ci_low, 4) == 0.1078
    assert round(estimate.ci_high, 4) == 0.6032


def test_wilson_interval_stays_inside_0_1_at_the_extremes():
    none_agree, all_agree = proportion(20, 0), proportion(20, 20)

    assert 0 < none_agree.ci_high < 0.2
    assert 0.8 < all_agree.ci_low < 1


@pytest.mark.parametrize("n", [1, 7, 20, 333, 10_000])
def test_wilson_bounds_at_0_of_n_and_n_of_n_are_exactly_0_and_1(n):
    # Floating point gives 5.6e-17 and 0.9999999999999999; files and the API must not.
    assert proportion(n, 0).ci_low == 0.0 and proportion(n, 0).share == 0.0
    assert proportion(n, n).ci_high == 1.0 and proportion(n, n).share == 1.0
    if n > 1:  # one answer away from the extreme, the bound is not exact
        assert proportion(n, 1).ci_low > 0.0 and proportion(n, n - 1).ci_high < 1.0


def test_no_answers_give_no_share():
    estimate = proportion(0, 0)

    assert estimate.share is None and estimate.ci_low is None and estimate.ci_high is None


@pytest.mark.parametrize(("n", "successes"), [(5, 6), (5, -1), (-1, 0)])
def test_impossible_counts_are_refused(n, successes):
    with pytest.raises(ValueError):
        proportion(n, successes)


def test_share_counts_add_and_subtract():
    a, b = ShareCounts.from_flags([True, False, True]), ShareCounts(4, 1)

    assert a == ShareCounts(3, 2)
    assert a + b == ShareCounts(7, 3)
    assert (a + b) - b == a
    assert (a + b).estimate().share == pytest.approx(3 / 7)
    with pytest.raises(ValueError, match="larger than the whole"):
        b - ShareCounts(4, 2)


# --- comparing means ---------------------------------------------------------------------------

PAIRS = {
    "similar": ([7, 8, 6, 9, 7, 8], [6, 7, 8, 7, 7]),
    "different sizes and spread": (
        list(RNG.normal(7.5, 1.0, size=200)),
        list(RNG.normal(7.1, 2.0, size=40)),
    ),
    "one constant group": ([8, 8, 8, 8], [5, 7, 6, 9, 4]),
}


# scipy warns about its own moment calculation for the constant group; the reference is fine.
@pytest.mark.filterwarnings("ignore:Precision loss occurred:RuntimeWarning")
@pytest.mark.parametrize(("a", "b"), PAIRS.values(), ids=PAIRS.keys())
def test_welch_from_sums_equals_scipy_on_the_raw_data(a, b):
    comparison = compare_means(mean_from_sums(*sums(a)), mean_from_sums(*sums(b)))

    expected = scipy_stats.ttest_ind(a, b, equal_var=False)
    assert comparison.test == WELCH_T
    assert comparison.statistic == pytest.approx(expected.statistic, rel=1e-6)
    assert comparison.p_value == pytest.approx(expected.pvalue, rel=1e-6)
    assert comparison.df == pytest.approx(expected.df, rel=1e-6)


def test_mean_verdicts_point_from_a_to_b():
    # A generator of its own: drawing from RNG here would depend on the test order.
    rng = np.random.default_rng(7)
    high = MeanSums.from_values(list(rng.normal(8, 1, size=300)))
    low = MeanSums.from_values(list(rng.normal(7, 1, size=300)))
    same = MeanSums.from_values(list(rng.normal(8, 1, size=3)))

    assert compare_means(high.estimate(), low.estimate()).verdict is Verdict.CLEARLY_HIGHER
    assert compare_means(low.estimate(), high.estimate()).verdict is Verdict.CLEARLY_LOWER
    assert compare_means(high, same).verdict is Verdict.NO_CLEAR_DIFFERENCE


def test_alpha_decides_what_counts_as_clear():
    a, b = MeanSums.from_values([7, 8, 9, 8, 7, 9]), MeanSums.from_values([6, 8, 7, 7, 6, 8])
    p_value = compare_means(a, b).p_value

    assert 0.01 < p_value < 0.2
    assert compare_means(a, b, alpha=0.2).verdict is Verdict.CLEARLY_HIGHER
    assert compare_means(a, b, alpha=0.01).verdict is Verdict.NO_CLEAR_DIFFERENCE


@pytest.mark.parametrize(
    ("a", "b"),
    [([7], [6, 8, 9]), ([6, 8, 9], []), ([7, 7, 7], [5, 5])],
    ids=["one answer", "no answers", "both constant"],
)
def test_means_are_not_testable_without_two_answers_or_any_spread(a, b):
    a, b = MeanSums.from_values(a).estimate(), MeanSums.from_values(b).estimate()

    comparison = compare_means(a, b)

    assert comparison.verdict is Verdict.NOT_TESTABLE
    assert comparison.p_value is None and comparison.statistic is None and comparison.df is None


# --- comparing shares --------------------------------------------------------------------------


def test_two_proportion_z_equals_the_hand_computation():
    comparison = compare_proportions(proportion(100, 45), proportion(100, 30))

    pooled = 75 / 200
    z = (0.45 - 0.30) / math.sqrt(pooled * (1 - pooled) * (1 / 100 + 1 / 100))
    p_value = math.erfc(abs(z) / math.sqrt(2))  # two-sided: 2·(1 − Φ(|z|))
    assert comparison.test == TWO_PROPORTION_Z
    assert comparison.statistic == pytest.approx(z, rel=1e-9)
    assert comparison.p_value == pytest.approx(p_value, rel=1e-9)
    assert round(comparison.statistic, 4) == 2.1909
    assert comparison.df is None
    assert comparison.verdict is Verdict.CLEARLY_HIGHER


def test_share_verdicts_point_from_a_to_b():
    assert compare_proportions(ShareCounts(100, 30), ShareCounts(100, 45)).verdict is (
        Verdict.CLEARLY_LOWER
    )
    assert compare_proportions(ShareCounts(50, 30), ShareCounts(40, 25)).verdict is (
        Verdict.NO_CLEAR_DIFFERENCE
    )


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (ShareCounts(0, 0), ShareCounts(10, 4)),
        (ShareCounts(10, 0), ShareCounts(8, 0)),
        (ShareCounts(10, 10), ShareCounts(8, 8)),
    ],
    ids=["no answers", "nobody agrees", "everybody agrees"],
)
def test_shares_are_not_testable_without_answers_or_any_spread(a, b):
    assert compare_proportions(a, b).verdict is Verdict.NOT_TESTABLE


# --- part against the rest ---------------------------------------------------------------------


def test_provider_against_area_compares_with_the_rest_of_the_area():
    rng = np.random.default_rng(11)
    provider = list(rng.normal(7.8, 1.2, size=80))
    others = list(rng.normal(7.3, 1.5, size=400))
    area = MeanSums.from_values(provider + others)

    comparison = compare_mean_to_rest(MeanSums.from_values(provider).estimate(), area.estimate())

    expected = scipy_stats.ttest_ind(provider, others, equal_var=False)
    assert comparison.statistic == pytest.approx(expected.statistic, rel=1e-6)
    assert comparison.p_value == pytest.approx(expected.pvalue, rel=1e-6)
    assert comparison.df == pytest.approx(expected.df, rel=1e-6)
    # Sums in, same answer.
    assert compare_mean_to_rest(MeanSums.from_values(provider), area).statistic == pytest.approx(
        expected.statistic, rel=1e-9
    )


def test_provider_share_against_area_compares_with_the_rest_of_the_area():
    provider, area = ShareCounts(60, 42), ShareCounts(400, 220)

    comparison = compare_proportion_to_rest(provider.estimate(), area.estimate())

    expected = compare_proportions(ShareCounts(60, 42), ShareCounts(340, 178))
    assert comparison == expected
    assert comparison.verdict is Verdict.CLEARLY_HIGHER


def test_the_only_provider_in_an_area_is_not_testable():
    provider = MeanSums.from_values([7, 8, 9])

    assert compare_mean_to_rest(provider, provider).verdict is Verdict.NOT_TESTABLE
    shares = ShareCounts(10, 4)
    assert compare_proportion_to_rest(shares, shares).verdict is Verdict.NOT_TESTABLE


# --- the tooltip text --------------------------------------------------------------------------


def test_describe_gives_a_short_technical_text():
    welch = Comparison(
        Verdict.CLEARLY_HIGHER, p_value=0.0221, statistic=2.3149, df=187.43, test=WELCH_T
    )
    z = Comparison(
        Verdict.CLEARLY_LOWER, p_value=0.00002, statistic=-4.2, df=None, test=TWO_PROPORTION_Z
    )

    with translation.override("nl"):
        assert welch.describe() == "Welch's t = 2,31; df = 187,4; p = 0,022"
        assert z.describe() == "z = -4,20; p < 0,001"
        assert compare_means(MeanSums(), MeanSums()).describe() == "Welch's t: niet te toetsen"
    with translation.override("en"):
        assert welch.describe() == "Welch's t = 2.31; df = 187.4; p = 0.022"
        assert z.describe() == "z = -4.20; p < 0.001"
        assert compare_means(MeanSums(), MeanSums()).describe() == "Welch's t: not testable"
