"""Raking, Kish's design effect and weighted figures, against generated data and by hand."""

import math

import numpy as np
import pytest
from scipy import stats as scipy_stats
from statsmodels.stats.proportion import proportion_confint

from gehoord.insights import disclosure, weighting


def _population_and_sample(seed: int = 7):
    """A population of 20 000 with age band × district, and a sample in which the young
    answer four times less often than the old."""
    rng = np.random.default_rng(seed)
    ages = rng.choice(["18-34", "35-64", "65+"], size=20_000, p=[0.3, 0.45, 0.25])
    districts = rng.choice(["Noord", "Zuid", "West"], size=20_000, p=[0.5, 0.3, 0.2])
    chance = np.select([ages == "18-34", ages == "35-64"], [0.02, 0.05], 0.08)
    answered = rng.random(20_000) < chance
    margins = {
        "age_band": {k: int(np.sum(ages == k)) for k in ("18-34", "35-64", "65+")},
        "district": {k: int(np.sum(districts == k)) for k in ("Noord", "Zuid", "West")},
    }
    sample = {"age_band": list(ages[answered]), "district": list(districts[answered])}
    return margins, sample


def _weighted_shares(result, sample, margin):
    values = np.asarray(sample[margin])
    return {k: result.weights[values == k].sum() / result.weights.sum() for k in set(values)}


def test_raking_converges_to_every_margin_of_a_generated_population():
    margins, sample = _population_and_sample()
    result = weighting.rake(sample, margins, trim=None)
    assert result.converged and result.problems == []
    for margin, counts in margins.items():
        total = sum(counts.values())
        for key, share in _weighted_shares(result, sample, margin).items():
            assert share == pytest.approx(counts[key] / total, abs=1e-6)
    # The young were under-sampled, so they weigh more; the weights have mean 1.
    young = np.asarray(sample["age_band"]) == "18-34"
    assert result.weights[young].mean() > 1.5 > result.weights[~young].mean()
    assert result.weights.mean() == pytest.approx(1.0)
    assert result.design_effect > 1.0
    assert result.effective_n == pytest.approx(len(result.weights) / result.design_effect)


def test_trimming_bounds_the_weights_and_still_meets_the_margins_when_it_can():
    margins, sample = _population_and_sample()
    result = weighting.rake(sample, margins, trim=(0.5, 3.0))
    assert result.weights.min() >= 0.5 - 1e-6 and result.weights.max() <= 3.0 + 1e-6
    assert result.converged
    # A band too tight for the young (who need about twice the mean) cannot meet the
    # margins: the weights stay in the band and raking says it did not converge.
    tight = weighting.rake(sample, margins, trim=(0.8, 1.5))
    assert tight.weights.max() <= 1.5 + 1e-6
    assert not tight.converged and tight.trimmed > 0


def test_raking_reports_an_empty_cell_and_a_margin_it_cannot_reach():
    sample = {"district": ["Noord"] * 9 + ["Zuid"], "age_band": ["65+"] * 10}
    margins = {
        "district": {"Noord": 500, "Zuid": 500},
        "age_band": {"65+": 400, "18-34": 600},  # nobody young answered
    }
    untrimmed = weighting.rake(sample, margins, trim=None)
    assert untrimmed.converged and not untrimmed.usable
    assert untrimmed.problems == [(weighting.EMPTY_CELL, "age_band", "18-34")]
    result = weighting.rake(sample, margins, trim=(0.5, 2.0))
    assert (weighting.EMPTY_CELL, "age_band", "18-34") in result.problems
    # The one Zuid respondent would need nine times the weight of a Noord respondent; the
    # trimming band (at most four times) cannot give the 50/50 split: raking says so.
    assert not result.converged
    assert (weighting.NOT_CONVERGED, "", "") in result.problems
    assert result.max_error > 1e-3


def test_no_responses_is_reported():
    result = weighting.rake({"district": []}, {"district": {"Noord": 10}})
    assert not result.converged and result.problems[0][0] == weighting.NO_RESPONSES


def test_kish_design_effect_and_effective_n_by_hand():
    weights = [1, 1, 2, 4]
    # Σw = 8, Σw² = 22: deff = 4·22/64 = 1.375, n_eff = 64/22.
    assert weighting.design_effect(weights) == pytest.approx(1.375)
    assert weighting.effective_n(weights) == pytest.approx(64 / 22)
    assert weighting.design_effect([3, 3, 3]) == pytest.approx(1.0)


def test_weighted_mean_and_its_interval_use_the_effective_n():
    values = [6, 7, 8, 9, 5, 8, 7, 10, 6, 8, 9, 7]
    weights = [1, 1, 1, 1, 2, 2, 2, 2, 0.5, 0.5, 3, 3]
    estimate = weighting.weighted_mean(values, weights)
    # By hand: Σw = 19, Σwx = 6+7+8+9 + 10+16+14+20 + 3+4 + 27+21 = 145.
    assert estimate.value == pytest.approx(145 / 19)
    sum_w2 = 4 * 1 + 4 * 4 + 2 * 0.25 + 2 * 9  # 38.5
    n_eff = 19**2 / sum_w2
    assert estimate.effective_n == pytest.approx(n_eff)
    assert estimate.design_effect == pytest.approx(12 / n_eff)
    mean = 145 / 19
    variance = sum(w * (x - mean) ** 2 for x, w in zip(values, weights, strict=True)) / 19
    variance *= 12 / 11
    half = scipy_stats.t.ppf(0.975, math.floor(n_eff) - 1) * math.sqrt(variance / n_eff)
    assert estimate.ci_low == pytest.approx(mean - half)
    assert estimate.ci_high == pytest.approx(mean + half)
    # Wider than the unweighted interval of the same 12 answers would be at equal weights.
    equal = weighting.weighted_mean(values, [1] * 12)
    assert equal.design_effect == pytest.approx(1.0)
    assert equal.effective_n == pytest.approx(12)


def test_weighted_share_uses_wilson_on_the_effective_n():
    flags = [True, True, False, True, False, False]
    weights = [1, 2, 1, 2, 1, 3]
    estimate = weighting.weighted_share(flags, weights)
    assert estimate.value == pytest.approx(100 * 5 / 10)
    n_eff = 100 / 20
    low, high = proportion_confint(0.5 * n_eff, n_eff, method="wilson")
    assert estimate.ci_low == pytest.approx(100 * low)
    assert estimate.ci_high == pytest.approx(100 * high)


def test_suppression_on_effective_n_is_never_weaker_than_on_raw_n():
    assert disclosure.below_minimum_weighted(12, 9.7, 10)  # n_eff rounds down to 9
    assert not disclosure.below_minimum_weighted(12, 10.0, 10)
    # An effective n above n cannot happen, but would not lift a small raw n either.
    assert disclosure.below_minimum_weighted(9, 30.0, 10)


def test_representation_names_the_under_represented_strata():
    margins, sample = _population_and_sample()
    rows = weighting.representation(sample, {"age_band": margins["age_band"]})
    under = weighting.under_represented(rows)
    assert [row.value for row in under] == ["18-34"]
    assert sum(row.response_share for row in rows) == pytest.approx(1.0)
