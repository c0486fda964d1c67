"""The candidate forecast models: each fits a training series and predicts h steps ahead
with 80 % and 95 % prediction intervals.

A candidate sees only what it is given: the training values and, when it uses the expiry
register, the expiry counts of the training periods and of the periods it forecasts
(expiry dates are known in advance, so those are not a look-ahead at demand). The backtest
(`forecast_backtest`) hands each one a slice that ends at the forecast origin.

- seasonal naive: the value of the same period one season earlier; the baseline every
  model must beat. Its intervals come from the spread of the seasonal differences.
- ETS (statsmodels ETSModel): additive errors and season, with or without a damped trend;
  analytic prediction intervals.
- SARIMAX: monthly an airline-like (1,0,0)(0,1,1,12); weekly a regression on yearly
  Fourier terms with AR(1) errors (a 52-week seasonal ARIMA is too heavy for two years).
  The "+ verloopregister" variants add the expiry counts as an exogenous regressor.
"""

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from django.utils.translation import gettext_lazy as _
from scipy import stats

Z80 = float(stats.norm.ppf(0.9))
Z95 = float(stats.norm.ppf(0.975))
# Weeks in a year, on average (the weekly Fourier terms follow the calendar, not 52).
WEEKS_PER_YEAR = 365.25 / 7


@dataclass
class Prediction:
    mean: np.ndarray
    low80: np.ndarray
    high80: np.ndarray
    low95: np.ndarray
    high95: np.ndarray


@dataclass(frozen=True)
class Candidate:
    code: str
    label: str
    fit_predict: Callable[..., Prediction]
    # The shortest training series the model is fitted on.
    min_train: int
    uses_expiry: bool = False


def _quiet(fit: Callable[[], object]) -> object:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # convergence chatter; the backtest judges the fit
        return fit()


def _normal(mean: np.ndarray, sd: np.ndarray) -> Prediction:
    return Prediction(mean, mean - Z80 * sd, mean + Z80 * sd, mean - Z95 * sd, mean + Z95 * sd)


def seasonal_naive(y: np.ndarray, h: int, m: int, **_kwargs) -> Prediction:
    """ŷ(t+k) = y(t+k−m·⌈k/m⌉); sd grows with the number of seasons ahead."""
    n = len(y)
    steps = np.arange(1, h + 1)
    seasons = np.ceil(steps / m).astype(int)
    mean = np.array([y[n - m * s + k - 1] for k, s in zip(steps, seasons, strict=True)], float)
    diffs = y[m:] - y[:-m]
    sigma = float(np.sqrt(np.mean(diffs**2))) if len(diffs) else 0.0
    return _normal(mean, sigma * np.sqrt(seasons))


def _ets(y: np.ndarray, h: int, m: int, damped: bool, **_kwargs) -> Prediction:
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    model = ETSModel(
        pd.Series(np.asarray(y, float)),
        error="add",
        trend="add" if damped else None,
        damped_trend=damped,
        seasonal="add",
        seasonal_periods=m,
        initialization_method="heuristic",  # needs two full seasons (min_train)
    )
    result = _quiet(lambda: model.fit(disp=False, maxiter=200))
    n = len(y)
    out = []
    for alpha in (0.2, 0.05):
        frame = result.get_prediction(start=n, end=n + h - 1).summary_frame(alpha=alpha)
        out.append(frame)
    mean = out[0]["mean"].to_numpy()
    return Prediction(
        mean,
        out[0]["pi_lower"].to_numpy(),
        out[0]["pi_upper"].to_numpy(),
        out[1]["pi_lower"].to_numpy(),
        out[1]["pi_upper"].to_numpy(),
    )


def ets_seasonal(y, h, m, **kwargs) -> Prediction:
    return _ets(y, h, m, damped=False)


def ets_damped(y, h, m, **kwargs) -> Prediction:
    return _ets(y, h, m, damped=True)


def _sarimax(y, exog, future_exog, h, order, seasonal_order, trend) -> Prediction:
    from statsmodels.tsa.statespace.sarimax import SARIMAX

    regression = exog is not None
    if regression:
        # The regression (with its constant) is estimated in the state vector, not by the
        # optimiser: only the AR coefficient is searched for, which keeps a fit fast.
        exog = np.column_stack([np.ones(len(y)), exog])
        future_exog = np.column_stack([np.ones(h), future_exog])
        trend = None
    model = SARIMAX(
        np.asarray(y, float),
        exog=exog,
        order=order,
        seasonal_order=seasonal_order,
        trend=trend,
        mle_regression=not regression,
        concentrate_scale=True,
        enforce_stationarity=False,
        enforce_invertibility=False,
    )
    result = _quiet(lambda: model.fit(disp=False, maxiter=200))
    forecast = result.get_forecast(h, exog=future_exog)
    ci80 = np.asarray(forecast.conf_int(alpha=0.2))
    ci95 = np.asarray(forecast.conf_int(alpha=0.05))
    return Prediction(
        np.asarray(forecast.predicted_mean), ci80[:, 0], ci80[:, 1], ci95[:, 0], ci95[:, 1]
    )


def sarimax_monthly(y, h, m, **kwargs) -> Prediction:
    return _sarimax(y, None, None, h, (1, 0, 0), (0, 1, 1, m), None)


def expiry_regression(y, h, m, expiry, future_expiry, **kwargs) -> Prediction:
    """Demand on the expiry counts of the same period, AR(1) errors and a constant."""
    exog = np.asarray(expiry, float).reshape(-1, 1)
    future = np.asarray(future_expiry, float).reshape(-1, 1)
    return _sarimax(y, exog, future, h, (1, 0, 0), (0, 0, 0, 0), None)


def fourier(index: np.ndarray, terms: int = 2) -> np.ndarray:
    """Yearly sine and cosine columns for absolute week numbers `index`."""
    columns = []
    for k in range(1, terms + 1):
        angle = 2 * math.pi * k * index / WEEKS_PER_YEAR
        columns += [np.sin(angle), np.cos(angle)]
    return np.column_stack(columns)


def fourier_weekly(y, h, m, week_index, future_week_index, **kwargs) -> Prediction:
    return _sarimax(
        y, fourier(week_index), fourier(future_week_index), h, (1, 0, 0), (0, 0, 0, 0), "c"
    )


def fourier_weekly_expiry(
    y, h, m, week_index, future_week_index, expiry, future_expiry, **kwargs
) -> Prediction:
    exog = np.column_stack([fourier(week_index), np.asarray(expiry, float)])
    future = np.column_stack([fourier(future_week_index), np.asarray(future_expiry, float)])
    return _sarimax(y, exog, future, h, (1, 0, 0), (0, 0, 0, 0), "c")


SEASONAL_NAIVE = Candidate("seasonal_naive", _("Same period last year"), seasonal_naive, 13)

MONTHLY = [
    SEASONAL_NAIVE,
    Candidate("ets", _("Exponential smoothing with season (ETS)"), ets_seasonal, 24),
    Candidate("ets_damped", _("ETS with damped trend"), ets_damped, 24),
    Candidate("sarimax", _("Seasonal ARIMA (SARIMAX)"), sarimax_monthly, 15),
    Candidate(
        "expiry_regression",
        _("Regression on the expiry register (SARIMAX)"),
        expiry_regression,
        8,
        uses_expiry=True,
    ),
]
WEEKLY = [
    Candidate("seasonal_naive", _("Same week last year"), seasonal_naive, 53),
    Candidate("fourier", _("Yearly pattern with AR errors (SARIMAX)"), fourier_weekly, 30),
    Candidate(
        "fourier_expiry",
        _("Yearly pattern and expiry register (SARIMAX)"),
        fourier_weekly_expiry,
        30,
        uses_expiry=True,
    ),
]
