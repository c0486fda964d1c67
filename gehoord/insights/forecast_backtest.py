"""Rolling-origin backtest: how well would each candidate have forecast the past?

At each origin t the candidate is fitted on y[:t] only (and the expiry counts up to t + h,
which are known in advance) and forecasts y[t:t+h]; the origins step back from the end of
the series. The errors of all origins give:

- MASE: mean absolute error divided by the mean absolute seasonal difference of the
  training part (computed per origin from y[:t] only); below 1 beats "same period last
  year" on its own training data.
- MAPE: mean absolute error as a percentage of the actual value (periods with 0 left out).
- coverage: the share of actual values inside the 80 % and 95 % intervals.

The candidate with the lowest MASE is chosen; the seasonal-naive forecast is always among
the candidates, so a model is only chosen when it beat it.
"""

import logging
from dataclasses import asdict, dataclass

import numpy as np

from .forecast_models import Candidate, Prediction

log = logging.getLogger(__name__)


@dataclass
class Inputs:
    """The series and what a candidate may use beside it, for the whole history plus the
    forecast horizon (`expiry` and `index` are h periods longer than `y`)."""

    y: np.ndarray
    m: int
    index: np.ndarray
    expiry: np.ndarray | None = None

    def arguments(self, t: int, h: int) -> dict:
        """What a candidate gets at origin t: nothing of y from t on."""
        args = {
            "y": self.y[:t].copy(),
            "h": h,
            "m": self.m,
            "week_index": self.index[:t],
            "future_week_index": self.index[t : t + h],
        }
        if self.expiry is not None:
            args["expiry"] = self.expiry[:t]
            args["future_expiry"] = self.expiry[t : t + h]
        return args


@dataclass
class Score:
    code: str
    mase: float
    mape: float | None
    coverage80: float
    coverage95: float
    errors: int

    def as_dict(self) -> dict:
        return asdict(self)


def origins(n: int, h: int, folds: int, min_train: int) -> list[int]:
    """Forecast origins, the last one h periods before the end, stepping back by h."""
    out = [n - h * (i + 1) for i in range(folds)]
    return sorted(t for t in out if t >= min_train)


def predict(candidate: Candidate, inputs: Inputs, t: int, h: int) -> Prediction:
    """The candidate's forecast of y[t:t+h] from what was known at t (clipped at 0)."""
    prediction = candidate.fit_predict(**inputs.arguments(t, h))
    return Prediction(*(np.clip(np.asarray(v, float), 0, None) for v in vars(prediction).values()))


def score(candidate: Candidate, inputs: Inputs, at: list[int], h: int) -> Score | None:
    """The candidate's backtest over the origins `at`; None when it cannot be fitted."""
    y, m = inputs.y, inputs.m
    scaled, pct, in80, in95 = [], [], [], []
    for t in at:
        try:
            prediction = predict(candidate, inputs, t, h)
        except (ValueError, np.linalg.LinAlgError) as error:
            log.info("candidate %s failed at origin %s: %s", candidate.code, t, error)
            return None
        if not np.all(np.isfinite(prediction.mean)):
            return None
        train = y[:t]
        scale = float(np.mean(np.abs(train[m:] - train[:-m]))) if t > m else 0.0
        actual = y[t : t + h]
        error = np.abs(actual - prediction.mean)
        scaled += list(error / scale) if scale > 0 else []
        pct += [e / a * 100 for e, a in zip(error, actual, strict=True) if a > 0]
        in80 += list((actual >= prediction.low80) & (actual <= prediction.high80))
        in95 += list((actual >= prediction.low95) & (actual <= prediction.high95))
    if not scaled:
        return None
    return Score(
        code=candidate.code,
        mase=float(np.mean(scaled)),
        mape=float(np.mean(pct)) if pct else None,
        coverage80=float(np.mean(in80)),
        coverage95=float(np.mean(in95)),
        errors=len(scaled),
    )


def backtest(
    candidates: list[Candidate], inputs: Inputs, h: int, folds: int
) -> tuple[list[Score], Score | None]:
    """Every candidate scored on the same origins; returns (scores, chosen). A candidate
    that needs more training data than the earliest origin has, or the expiry register
    when there is none, does not compete."""
    n = len(inputs.y)
    baseline = candidates[0]
    at = origins(n, h, folds, baseline.min_train)
    if not at:
        return [], None
    scores = []
    for candidate in candidates:
        if candidate.uses_expiry and inputs.expiry is None:
            continue
        if candidate.min_train > at[0]:
            continue
        result = score(candidate, inputs, at, h)
        if result is not None:
            scores.append(result)
    chosen = min(scores, key=lambda s: s.mase, default=None)
    return scores, chosen
