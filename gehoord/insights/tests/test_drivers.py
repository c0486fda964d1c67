"""Relative weights against a published example, OLS and orthogonal predictors; bootstrap
intervals and the importance × performance quadrants."""

import numpy as np
import pytest

from gehoord.insights import drivers
from gehoord.insights.drivers import (
    DriverResult,
    Quadrant,
    bootstrap_relative_weights,
    importance_performance,
    relative_weights,
    relative_weights_from_correlations,
)

# mtcars (Henderson & Velleman 1981, Motor Trend 1974), the columns mpg, cyl, disp, hp, gear of
# its 32 cars in R's order.
MTCARS = np.array(
    [
        # mpg, cyl, disp, hp, gear
        [21.0, 6, 160.0, 110, 4],  # Mazda RX4
        [21.0, 6, 160.0, 110, 4],  # Mazda RX4 Wag
        [22.8, 4, 108.0, 93, 4],  # Datsun 710
        [21.4, 6, 258.0, 110, 3],  # Hornet 4 Drive
        [18.7, 8, 360.0, 175, 3],  # Hornet Sportabout
        [18.1, 6, 225.0, 105, 3],  # Valiant
        [14.3, 8, 360.0, 245, 3],  # Duster 360
        [24.4, 4, 146.7, 62, 4],  # Merc 240D
        [22.8, 4, 140.8, 95, 4],  # Merc 230
        [19.2, 6, 167.6, 123, 4],  # Merc 280
        [17.8, 6, 167.6, 123, 4],  # Merc 280C
        [16.4, 8, 275.8, 180, 3],  # Merc 450SE
        [17.3, 8, 275.8, 180, 3],  # Merc 450SL
        [15.2, 8, 275.8, 180, 3],  # Merc 450SLC
        [10.4, 8, 472.0, 205, 3],  # Cadillac Fleetwood
        [10.4, 8, 460.0, 215, 3],  # Lincoln Continental
        [14.7, 8, 440.0, 230, 3],  # Chrysler Imperial
        [32.4, 4, 78.7, 66, 4],  # Fiat 128
        [30.4, 4, 75.7, 52, 4],  # Honda Civic
        [33.9, 4, 71.1, 65, 4],  # Toyota Corolla
        [21.5, 4, 120.1, 97, 3],  # Toyota Corona
        [15.5, 8, 318.0, 150, 3],  # Dodge Challenger
        [15.2, 8, 304.0, 150, 3],  # AMC Javelin
        [13.3, 8, 350.0, 245, 3],  # Camaro Z28
        [19.2, 8, 400.0, 175, 3],  # Pontiac Firebird
        [27.3, 4, 79.0, 66, 4],  # Fiat X1-9
        [26.0, 4, 120.3, 91, 5],  # Porsche 914-2
        [30.4, 4, 95.1, 113, 5],  # Lotus Europa
        [15.8, 8, 351.0, 264, 5],  # Ford Pantera L
        [19.7, 6, 145.0, 175, 5],  # Ferrari Dino
        [15.0, 8, 301.0, 335, 5],  # Maserati Bora
        [21.4, 4, 121.0, 109, 4],  # Volvo 142E
    ]
)


def correlated_data(n=400, seed=3):
    """Five driver items that share a common factor, and a grade that depends on them."""
    rng = np.random.default_rng(seed)
    common = rng.normal(size=(n, 1))
    x = 0.7 * common + rng.normal(size=(n, 5))
    y = x @ np.array([0.8, 0.5, 0.3, 0.1, 0.0]) + rng.normal(size=n)
    return x, y


def test_relative_weights_reproduce_the_published_mtcars_example():
    """The worked example of the R package rwa (Martin Chan), README "Basic example":
    rwa(mtcars, outcome = "mpg", predictors = c("cyl", "disp", "hp", "gear")) gives
    R² = 0.7791896 and, for cyl, disp, hp and gear, raw weights 0.2284797, 0.2221469,
    0.2321744 and 0.0963886 and rescaled weights (% of R²) 29.32274, 28.50999, 29.79691 and
    12.37037 (https://github.com/martinctc/rwa, also on CRAN as package rwa).
    """
    result = relative_weights(MTCARS[:, 1:], MTCARS[:, 0], ["cyl", "disp", "hp", "gear"])

    weights = {weight.name: weight for weight in result.weights}
    assert result.n == 32
    assert round(result.r_squared, 7) == 0.7791896
    assert round(weights["cyl"].raw_weight, 7) == 0.2284797
    assert round(weights["disp"].raw_weight, 7) == 0.2221469
    assert round(weights["hp"].raw_weight, 7) == 0.2321744
    assert round(weights["gear"].raw_weight, 7) == 0.0963886
    assert round(100 * weights["cyl"].share, 5) == 29.32274
    assert round(100 * weights["disp"].share, 5) == 28.50999
    assert round(100 * weights["hp"].share, 5) == 29.79691
    assert round(100 * weights["gear"].share, 5) == 12.37037
    assert [weight.name for weight in result.weights] == ["hp", "cyl", "disp", "gear"]


def test_raw_weights_sum_to_the_ols_r_squared():
    x, y = correlated_data()

    result = relative_weights(x, y, list("abcde"))

    zx = (x - x.mean(axis=0)) / x.std(axis=0)
    zy = (y - y.mean()) / y.std()
    beta, *_ = np.linalg.lstsq(zx, zy, rcond=None)
    residual = zy - zx @ beta
    r_squared = 1 - residual @ residual / (zy @ zy)
    assert result.r_squared == pytest.approx(r_squared, rel=1e-10)
    assert sum(weight.raw_weight for weight in result.weights) == pytest.approx(r_squared)
    assert sum(weight.share for weight in result.weights) == pytest.approx(1)
    assert all(weight.raw_weight >= 0 for weight in result.weights)


def test_orthogonal_predictors_get_their_squared_correlations():
    rng = np.random.default_rng(5)
    raw = rng.normal(size=(200, 3))
    # Centred columns made exactly orthogonal: their correlations are zero.
    x, _ = np.linalg.qr(raw - raw.mean(axis=0))
    y = x @ np.array([3.0, -2.0, 0.5]) + rng.normal(size=200) * 0.1

    result = relative_weights(x, y, ["a", "b", "c"])

    squared = {name: np.corrcoef(x[:, j], y)[0, 1] ** 2 for j, name in enumerate("abc")}
    for weight in result.weights:
        assert weight.raw_weight == pytest.approx(squared[weight.name], rel=1e-9)


def test_with_uncorrelated_predictors_the_weights_are_the_squared_correlations():
    rxy = np.array([0.5, -0.3, 0.1])

    raw = relative_weights_from_correlations(np.eye(3), rxy)

    assert raw == pytest.approx(rxy**2)


def test_a_single_driver_carries_all_of_r_squared():
    x, y = correlated_data(n=80)

    result = relative_weights(x[:, :1], y, ["only"])

    assert result.r_squared == pytest.approx(np.corrcoef(x[:, 0], y)[0, 1] ** 2)
    assert result.weights[0].share == pytest.approx(1)


def test_rows_with_a_missing_value_are_left_out():
    x, y = correlated_data(n=120)
    x_missing, y_missing = x.copy(), y.copy()
    x_missing[[3, 17, 40], [0, 2, 4]] = np.nan
    y_missing[[17, 88]] = np.nan

    result = relative_weights(x_missing, y_missing, list("abcde"))

    keep = np.ones(120, dtype=bool)
    keep[[3, 17, 40, 88]] = False
    expected = relative_weights(x[keep], y[keep], list("abcde"))
    assert result.n == 116
    assert result == expected


def test_too_few_complete_rows_are_refused():
    x, y = correlated_data(n=8)
    x[:2, 0] = np.nan

    with pytest.raises(ValueError, match="only 6 complete rows for 5 predictors"):
        relative_weights(x, y, list("abcde"))


def test_a_constant_predictor_is_refused_by_name():
    x, y = correlated_data(n=50)
    x[:, 3] = 4.0

    with pytest.raises(ValueError, match="no variation in predictor.*d"):
        relative_weights(x, y, list("abcde"))


def test_a_constant_outcome_is_refused():
    x, _ = correlated_data(n=50)

    with pytest.raises(ValueError, match="no variation in the outcome"):
        relative_weights(x, np.full(50, 8.0), list("abcde"))


def test_a_predictor_that_duplicates_others_is_refused():
    x, y = correlated_data(n=50)
    x[:, 4] = x[:, 0] + x[:, 1]

    with pytest.raises(ValueError, match="linearly dependent"):
        relative_weights(x, y, list("abcde"))


def test_names_must_match_the_predictors():
    x, y = correlated_data(n=50)

    with pytest.raises(ValueError, match="3 names given for 5 predictors"):
        relative_weights(x, y, list("abc"))


def test_bootstrap_intervals_contain_the_estimate_and_repeat_with_the_seed():
    x, y = correlated_data()

    result = bootstrap_relative_weights(x, y, list("abcde"), resamples=500, seed=42)

    assert result == bootstrap_relative_weights(x, y, list("abcde"), resamples=500, seed=42)
    assert result != bootstrap_relative_weights(x, y, list("abcde"), resamples=500, seed=43)
    point = relative_weights(x, y, list("abcde"))
    assert [w.share for w in result.weights] == [w.share for w in point.weights]
    assert result.r_squared == point.r_squared
    for weight in result.weights:
        assert weight.ci_low <= weight.share <= weight.ci_high
        assert 0 <= weight.ci_low < weight.ci_high <= 1


def test_each_bootstrap_resample_equals_the_analysis_of_the_resampled_rows():
    # The bootstrap works on draw counts instead of copied rows; check it against the copies.
    x, y = correlated_data(n=60)
    raw = drivers._bootstrap_raw_weights(x, y, 25, np.random.default_rng(1))

    rows = np.random.default_rng(1).integers(0, 60, size=(25, 60))
    for resample, picked in zip(raw, rows, strict=True):
        expected = relative_weights(x[picked], y[picked], list("abcde"))
        by_name = {weight.name: weight.raw_weight for weight in expected.weights}
        assert resample == pytest.approx([by_name[name] for name in "abcde"], rel=1e-9)


def test_bootstrap_does_not_depend_on_how_the_work_is_chunked(monkeypatch):
    x, y = correlated_data(n=100)
    whole = bootstrap_relative_weights(x, y, list("abcde"), resamples=90)

    monkeypatch.setattr(drivers, "_BOOTSTRAP_CELLS_PER_CHUNK", 100 * 7)
    chunked = bootstrap_relative_weights(x, y, list("abcde"), resamples=90)

    for a, b in zip(whole.weights, chunked.weights, strict=True):
        assert (a.name, a.share) == (b.name, b.share)
        assert (a.ci_low, a.ci_high) == pytest.approx((b.ci_low, b.ci_high), rel=1e-12)


def test_bootstrap_interval_width_follows_the_confidence_level():
    x, y = correlated_data()

    wide = bootstrap_relative_weights(x, y, list("abcde"), resamples=300, confidence=0.99)
    narrow = bootstrap_relative_weights(x, y, list("abcde"), resamples=300, confidence=0.8)

    for w99, w80 in zip(wide.weights, narrow.weights, strict=True):
        assert w99.ci_high - w99.ci_low > w80.ci_high - w80.ci_low


def test_bootstrap_skips_resamples_in_which_an_item_is_constant():
    rng = np.random.default_rng(9)
    # A yes/no item with two "yes" answers in 20: some resamples draw no "yes" at all.
    rare = np.zeros(20)
    rare[[4, 15]] = 1
    x = np.column_stack([rng.normal(size=20), rare])
    y = x @ np.array([1.0, 1.0]) + rng.normal(size=20)

    skipped = np.isnan(drivers._bootstrap_raw_weights(x, y, 200, np.random.default_rng(0)))
    result = bootstrap_relative_weights(x, y, ["common", "rare"], resamples=200)

    assert skipped.any()
    assert all(w.ci_low is not None and np.isfinite(w.ci_low) for w in result.weights)


def test_importance_performance_quadrants():
    importance = {"waiting": 0.40, "respect": 0.30, "leaflet": 0.10, "parking": 0.20}
    performance = {"waiting": 6.1, "respect": 8.2, "leaflet": 7.9, "parking": 6.5}

    quadrants = importance_performance(importance, performance)

    # Means: importance 0.25, performance 7.175.
    assert quadrants == {
        "waiting": Quadrant.FIX_FIRST,
        "respect": Quadrant.KEEP,
        "leaflet": Quadrant.MONITOR,
        "parking": Quadrant.LOWER_PRIORITY,
    }


def test_quadrants_split_at_the_mean_and_count_ties_as_high():
    quadrants = importance_performance({"a": 0.1, "b": 0.1, "c": 0.1}, {"a": 7, "b": 7, "c": 7})

    assert set(quadrants.values()) == {Quadrant.KEEP}


def test_quadrants_take_their_importance_from_a_driver_result():
    x, y = correlated_data()
    result: DriverResult = relative_weights(x, y, list("abcde"))
    performance = {"a": 6.0, "b": 8.0, "c": 8.0, "d": 6.0, "e": 8.0}

    quadrants = importance_performance(result.importance(), performance)

    # a carries most weight and scores lowest; e carries none and scores high.
    assert quadrants["a"] is Quadrant.FIX_FIRST
    assert quadrants["e"] is Quadrant.MONITOR


def test_quadrants_need_the_same_drivers_on_both_axes():
    with pytest.raises(ValueError, match="same drivers"):
        importance_performance({"a": 0.5, "b": 0.5}, {"a": 7.0})
    assert importance_performance({}, {}) == {}
