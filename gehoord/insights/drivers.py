"""Key-driver analysis: Johnson's (2000) relative weights, bootstrap intervals and the
importance × performance matrix (DESIGN.md §5).

Johnson, J. W. (2000). A heuristic method for estimating the relative weight of predictor
variables in multiple regression. Multivariate Behavioral Research, 35(1), 1–19.

Relative weights split R² over correlated predictors (driver items) in a way that does not
depend on their order and stays non-negative, which plain regression coefficients do not when
the items correlate as survey items always do. The predictors are replaced by their closest
orthogonal counterparts Z = X·Λ⁻¹ (Λ the symmetric square root of Rxx); y is regressed on Z
(β = Λ⁻¹·rxy), and each original predictor receives the part of R² that flows to it through
Λ: ε_j = Σ_k λ_jk² β_k².
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

# Eigenvalues of Rxx below this (relative to the largest) mean a predictor is a linear
# combination of others; Λ⁻¹ would then amplify rounding noise into nonsense weights.
_SINGULAR_TOLERANCE = 1e-10

# Bounds the memory of the bootstrap: resample weights are built this many cells at a time.
_BOOTSTRAP_CELLS_PER_CHUNK = 2_000_000


@dataclass(frozen=True)
class DriverWeight:
    name: str
    raw_weight: float  # the driver's part of R²; the raw weights sum to R²
    share: float  # raw_weight / R², 0..1
    ci_low: float | None = None  # bootstrap interval of the share
    ci_high: float | None = None


@dataclass(frozen=True)
class DriverResult:
    n: int  # rows used after listwise deletion
    r_squared: float
    weights: list[DriverWeight]  # by share, largest first

    def importance(self) -> dict[str, float]:
        """Shares by driver name, the importance axis of `importance_performance`."""
        return {weight.name: weight.share for weight in self.weights}


def _weights_from_eigen(
    eigenvalues: np.ndarray, eigenvectors: np.ndarray, rxy: np.ndarray
) -> np.ndarray:
    """Raw weights for one or a stack of decomposed Rxx (leading axes broadcast)."""
    root = np.sqrt(eigenvalues)
    vt = np.swapaxes(eigenvectors, -1, -2)
    lam = (eigenvectors * root[..., None, :]) @ vt  # Λ = V diag(√e) Vᵀ
    lam_inv = (eigenvectors / root[..., None, :]) @ vt  # Λ⁻¹ = V diag(1/√e) Vᵀ
    beta = (lam_inv @ rxy[..., None])[..., 0]
    return ((lam**2) @ (beta**2)[..., None])[..., 0]


def relative_weights_from_correlations(rxx: np.ndarray, rxy: np.ndarray) -> np.ndarray:
    """Raw relative weights from the predictor correlations Rxx (p × p) and the predictor–outcome
    correlations rxy (p); they sum to R² of the regression of y on all predictors."""
    rxx = np.asarray(rxx, dtype=float)
    rxy = np.asarray(rxy, dtype=float)
    if rxx.ndim != 2 or rxx.shape[0] != rxx.shape[1] or rxy.shape != (rxx.shape[0],):
        raise ValueError(
            f"need a square Rxx and a matching rxy, got shapes {rxx.shape} and {rxy.shape}"
        )
    eigenvalues, eigenvectors = np.linalg.eigh(rxx)
    if eigenvalues[0] <= _SINGULAR_TOLERANCE * max(eigenvalues[-1], 1.0):
        raise ValueError(
            "the predictors are (nearly) linearly dependent: one driver is a combination of "
            "the others, so their weights cannot be separated"
        )
    return _weights_from_eigen(eigenvalues, eigenvectors, rxy)


def _complete_rows(x: np.ndarray, y: np.ndarray, names: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Validated predictors and outcome after listwise deletion of incomplete rows."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim != 2:
        raise ValueError(f"x must be a table of rows × predictors, got shape {x.shape}")
    if y.shape != (x.shape[0],):
        raise ValueError(f"y must have one value per row of x ({x.shape[0]}), got {y.shape}")
    if len(names) != x.shape[1]:
        raise ValueError(f"{len(names)} names given for {x.shape[1]} predictors")
    # Infinite values are as unusable as missing ones; both drop the row.
    keep = np.isfinite(x).all(axis=1) & np.isfinite(y)
    x, y = x[keep], y[keep]
    predictors = x.shape[1]
    if predictors == 0:
        raise ValueError("need at least one predictor")
    if x.shape[0] < predictors + 2:
        raise ValueError(
            f"only {x.shape[0]} complete rows for {predictors} predictors; "
            f"need at least {predictors + 2}"
        )
    constant = [name for name, sd in zip(names, x.std(axis=0), strict=True) if sd == 0]
    if constant:
        raise ValueError(f"no variation in predictor(s) {', '.join(constant)}")
    if y.std() == 0:
        raise ValueError("no variation in the outcome")
    return x, y


def _correlations(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    corr = np.corrcoef(np.column_stack([x, y]), rowvar=False)
    return corr[:-1, :-1], corr[:-1, -1]


def _shares(raw: np.ndarray) -> tuple[float, np.ndarray]:
    r_squared = float(raw.sum())
    shares = raw / r_squared if r_squared > 0 else np.zeros_like(raw)
    return r_squared, shares


def _result(
    n: int,
    names: list[str],
    raw: np.ndarray,
    intervals: np.ndarray | None = None,
) -> DriverResult:
    r_squared, shares = _shares(raw)
    weights = [
        DriverWeight(
            name=name,
            raw_weight=float(raw[j]),
            share=float(shares[j]),
            ci_low=None if intervals is None else float(intervals[0, j]),
            ci_high=None if intervals is None else float(intervals[1, j]),
        )
        for j, name in enumerate(names)
    ]
    # sorted() is stable, so equal shares keep the caller's order.
    weights = sorted(weights, key=lambda weight: -weight.share)
    return DriverResult(n=n, r_squared=r_squared, weights=weights)


def relative_weights(x: np.ndarray, y: np.ndarray, names: list[str]) -> DriverResult:
    """Relative weights of the columns of x (rows × predictors) on y.

    Rows with a missing value anywhere are left out (listwise deletion) so that every
    correlation rests on the same respondents and Rxx stays a proper correlation matrix.
    """
    x, y = _complete_rows(x, y, names)
    rxx, rxy = _correlations(x, y)
    return _result(x.shape[0], names, relative_weights_from_correlations(rxx, rxy))


def _bootstrap_raw_weights(
    x: np.ndarray, y: np.ndarray, resamples: int, rng: np.random.Generator
) -> np.ndarray:
    """Raw weights for each resample (resamples × predictors), NaN where a resample is
    degenerate (a constant or collinear item in that resample).

    A resample is represented by how often each row was drawn, so all resamples' moments
    come from one matrix product instead of copying the data a thousand times.
    """
    n, predictors = x.shape
    data = np.column_stack([x, y])
    data = data - data.mean(axis=0)  # centred, so the raw moments below lose few digits
    cols = predictors + 1
    products = (data[:, :, None] * data[:, None, :]).reshape(n, cols * cols)
    chunk = max(1, _BOOTSTRAP_CELLS_PER_CHUNK // n)
    raw = np.empty((resamples, predictors))
    for start in range(0, resamples, chunk):
        size = min(chunk, resamples - start)
        draws = rng.integers(0, n, size=(size, n))
        offsets = (np.arange(size) * n)[:, None]
        counts = np.bincount((draws + offsets).ravel(), minlength=size * n)
        counts = counts.reshape(size, n).astype(float)
        means = counts @ data / n
        second = (counts @ products / n).reshape(size, cols, cols)
        cov = second - means[:, :, None] * means[:, None, :]
        sd = np.sqrt(np.clip(np.diagonal(cov, axis1=1, axis2=2), 0, None))
        with np.errstate(divide="ignore", invalid="ignore"):
            corr = cov / (sd[:, :, None] * sd[:, None, :])
        valid = np.all(sd > 0, axis=1)
        block = np.full((size, predictors), np.nan)
        if valid.any():
            rxx = corr[valid, :predictors, :predictors]
            rxy = corr[valid, :predictors, predictors]
            eigenvalues, eigenvectors = np.linalg.eigh(rxx)
            well_posed = eigenvalues[:, 0] > _SINGULAR_TOLERANCE * np.maximum(
                eigenvalues[:, -1], 1.0
            )
            weights = np.full((int(valid.sum()), predictors), np.nan)
            weights[well_posed] = _weights_from_eigen(
                eigenvalues[well_posed], eigenvectors[well_posed], rxy[well_posed]
            )
            block[valid] = weights
        raw[start : start + size] = block
    return raw


def bootstrap_relative_weights(
    x: np.ndarray,
    y: np.ndarray,
    names: list[str],
    resamples: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> DriverResult:
    """Relative weights with percentile bootstrap intervals of each driver's share.

    Rows are resampled with replacement after listwise deletion. Resamples in which an item
    happens to be constant cannot be analysed and are skipped; the intervals come from the rest.
    The same seed gives the same intervals.
    """
    if resamples < 1:
        raise ValueError("need at least one resample")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie strictly between 0 and 1, not {confidence!r}")
    x, y = _complete_rows(x, y, names)
    rxx, rxy = _correlations(x, y)
    raw = relative_weights_from_correlations(rxx, rxy)
    boot_raw = _bootstrap_raw_weights(x, y, resamples, np.random.default_rng(seed))
    usable = ~np.isnan(boot_raw).any(axis=1)
    if not usable.any():
        raise ValueError("no bootstrap resample could be analysed; the data vary too little")
    boot_raw = boot_raw[usable]
    totals = boot_raw.sum(axis=1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        boot_shares = np.where(totals > 0, boot_raw / totals, 0.0)
    tail = (1 - confidence) / 2
    intervals = np.quantile(boot_shares, [tail, 1 - tail], axis=0)
    return _result(x.shape[0], names, raw, intervals)


class Quadrant(StrEnum):
    """The four cells of importance–performance analysis (Martilla & James, 1977).

    - FIX_FIRST: high importance, low performance ("concentrate here")
    - KEEP: high importance, high performance ("keep up the good work")
    - MONITOR: low importance, high performance ("possible overkill": watch, don't invest more)
    - LOWER_PRIORITY: low importance, low performance ("low priority")
    """

    FIX_FIRST = "fix_first"
    KEEP = "keep"
    MONITOR = "monitor"
    LOWER_PRIORITY = "lower_priority"


def importance_performance(
    importance: dict[str, float], performance: dict[str, float]
) -> dict[str, Quadrant]:
    """The quadrant of each driver.

    The axes are split at the mean importance and the mean performance over these drivers
    (the "data-centred" variant of the matrix). A fixed split such as the scale midpoint says
    little here: relative-weight shares always average 1/k, and on a satisfaction scale nearly
    every item scores above the midpoint, so a midpoint split would put everything in one
    column. The mean asks the useful question, "which drivers matter more, and score worse,
    than the others?", and unlike the median it does not force half the drivers into each
    half when one or two drivers clearly stand out. A value equal to the mean counts as high.
    """
    if set(importance) != set(performance):
        missing = sorted(set(importance) ^ set(performance))
        raise ValueError(f"importance and performance must name the same drivers: {missing}")
    if not importance:
        return {}
    values = list(importance.values()) + list(performance.values())
    if not all(np.isfinite(values)):
        raise ValueError("importance and performance must be finite numbers")
    importance_split = float(np.mean(list(importance.values())))
    performance_split = float(np.mean(list(performance.values())))
    # Equal values can average to a hair above themselves; they should still count as high.
    importance_split -= 1e-12 * max(1.0, abs(importance_split))
    performance_split -= 1e-12 * max(1.0, abs(performance_split))
    quadrants = {}
    for name, weight in importance.items():
        important = weight >= importance_split
        performing = performance[name] >= performance_split
        if important:
            quadrants[name] = Quadrant.KEEP if performing else Quadrant.FIX_FIRST
        else:
            quadrants[name] = Quadrant.MONITOR if performing else Quadrant.LOWER_PRIORITY
    return quadrants
