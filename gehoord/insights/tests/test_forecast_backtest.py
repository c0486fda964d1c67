"""The backtest is honest: a candidate never sees demand after its origin, the model chosen
on a series with a known seasonal pattern beats "same period last year", and the 80 % and
95 % intervals cover about that share of what happened next (simulated, fixed seed)."""

import numpy as np
import pytest

from gehoord.insights import forecast_backtest as backtest
from gehoord.insights.forecast_models import MONTHLY, SEASONAL_NAIVE, WEEKLY

SEASON = np.array([0, -20, 60, 40, 10, -10, -30, -40, -10, 0, -5, 5], float)


def seasonal_series(n: int, seed: int, noise: float = 10.0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(n)
    return 200 + SEASON[t % 12] + rng.normal(0, noise, n)


def inputs(y: np.ndarray, m: int = 12, expiry: np.ndarray | None = None) -> backtest.Inputs:
    return backtest.Inputs(y=y, m=m, index=np.arange(len(y) + 60, dtype=float), expiry=expiry)


@pytest.mark.parametrize("candidate", MONTHLY + WEEKLY, ids=lambda c: f"{c.code}-{c.min_train}")
def test_a_forecast_does_not_change_when_the_future_does(candidate):
    m = 12 if candidate in MONTHLY else 52
    n = 110
    rng = np.random.default_rng(3)
    y = 100 + 30 * np.sin(np.arange(n) * 2 * np.pi / m) + rng.normal(0, 5, n)
    expiry = 150 + rng.normal(0, 20, n + 60)
    t, h = 80, 4
    changed = y.copy()
    changed[t:] = rng.normal(5000, 900, n - t)  # a wild future
    first = backtest.predict(candidate, inputs(y, m, expiry), t, h)
    second = backtest.predict(candidate, inputs(changed, m, expiry), t, h)
    for name in ("mean", "low80", "high80", "low95", "high95"):
        np.testing.assert_allclose(getattr(first, name), getattr(second, name))


def test_the_training_slice_ends_at_the_origin():
    y = np.arange(30, dtype=float)
    args = inputs(y).arguments(t=20, h=3)
    assert args["y"].tolist() == list(range(20))
    assert len(args["future_week_index"]) == 3


def test_origins_step_back_from_the_end_and_leave_enough_training():
    assert backtest.origins(n=40, h=3, folds=4, min_train=13) == [28, 31, 34, 37]
    assert backtest.origins(n=24, h=3, folds=4, min_train=13) == [15, 18, 21]


def test_the_chosen_model_beats_seasonal_naive_on_a_seasonal_series():
    y = seasonal_series(72, seed=11)
    scores, chosen = backtest.backtest(MONTHLY, inputs(y), h=3, folds=8)
    naive = next(s for s in scores if s.code == SEASONAL_NAIVE.code)
    assert chosen is not None and chosen.code != SEASONAL_NAIVE.code
    assert chosen.mase < naive.mase
    assert chosen.mape < naive.mape
    # Every candidate was judged on the same forecasts: 8 origins × 3 months.
    assert {s.errors for s in scores} == {24}


def test_the_choice_is_never_worse_than_seasonal_naive():
    # A series that repeats exactly: "same period last year" is perfect, so whatever is
    # chosen must be (almost) perfect too.
    y = np.tile(200 + SEASON, 4)
    y[::7] += 0.001  # not perfectly constant, so every model can be fitted
    scores, chosen = backtest.backtest(MONTHLY, inputs(y), h=3, folds=4)
    naive = next(s for s in scores if s.code == SEASONAL_NAIVE.code)
    assert chosen.mase <= naive.mase
    assert chosen.mape < 0.01


def test_intervals_cover_about_their_level_on_simulated_data():
    y = seasonal_series(130, seed=2026)
    sarimax = next(c for c in MONTHLY if c.code == "sarimax")
    score = backtest.score(sarimax, inputs(y), at=list(range(50, 130)), h=1)
    assert 0.70 <= score.coverage80 <= 0.90, score
    assert 0.88 <= score.coverage95 <= 0.99, score
    naive = backtest.score(SEASONAL_NAIVE, inputs(y), at=list(range(50, 130)), h=1)
    assert 0.70 <= naive.coverage80 <= 0.90, naive
    assert 0.88 <= naive.coverage95 <= 0.995, naive


def test_the_expiry_register_wins_when_demand_follows_it():
    rng = np.random.default_rng(7)
    n = 24
    # Expiry counts with a season that differs from year to year, and a one-off peak.
    expiry = np.tile(300 + 3 * SEASON, 3)[: n + 12] * rng.uniform(0.8, 1.2, n + 12)
    demand = 40 + 0.6 * expiry[:n] + rng.normal(0, 8, n)
    scores, chosen = backtest.backtest(MONTHLY, inputs(demand, expiry=expiry), h=3, folds=4)
    assert chosen.code == "expiry_regression"
    naive = next(s for s in scores if s.code == SEASONAL_NAIVE.code)
    assert chosen.mase < naive.mase


def test_without_a_register_the_expiry_models_do_not_compete():
    scores, _chosen = backtest.backtest(MONTHLY, inputs(seasonal_series(30, 1)), h=3, folds=4)
    assert "expiry_regression" not in {s.code for s in scores}
