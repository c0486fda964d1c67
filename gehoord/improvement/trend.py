"""The statistics of an action's effect: segmented regression on a monthly series
(interrupted time series, Wagner et al. 2002) and difference-in-differences against
comparable untouched units. Pure numpy/statsmodels on plain numbers, so it can be tested and
simulated without a database; `effect.py` feeds it the months that may be shown.

Month positions are counted from the month the action was done (which is left out): the
months before are −B … −1, the months after 1 … A.

Errors: the monthly values are means (or shares) of different respondents each month, so
their sampling errors are independent and their variance shrinks with n; the regression is
therefore weighted by the month's n (WLS), with the classic standard errors. Newey–West (HAC)
errors were tried and not chosen: with the 9–24 months an action has, they estimate the
autocorrelation so poorly that a null action read "anders dan de trend" in about twice the
nominal 5 % of simulated cases, while classic errors hold the 5 %. A Durbin–Watson
statistic is reported beside the result, so a strongly autocorrelated series can be seen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
import statsmodels.api as sm
from statsmodels.stats.stattools import durbin_watson

from gehoord.formatting import format_p

ALPHA = 0.05
# Fewer months than these and a trend, or a change of it, cannot be told from noise.
MINIMUM_MONTHS_BEFORE = 6
MINIMUM_MONTHS_AFTER = 3


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    NONE = "none"


@dataclass(frozen=True)
class Estimate:
    value: float
    ci_low: float
    ci_high: float
    p_value: float

    @property
    def p_text(self) -> str:
        """For a tooltip, in the active language's notation ("p < 0,001")."""
        return format_p(self.p_value)

    @property
    def direction(self) -> Direction:
        if not self.p_value < ALPHA:
            return Direction.NONE
        return Direction.HIGHER if self.value > 0 else Direction.LOWER


@dataclass(frozen=True)
class TrendResult:
    """Segmented regression y = b0 + b1·k + b2·after + b3·after·(k − 1)."""

    level_change: Estimate  # b2: the first month after, against the trend before
    slope_change: Estimate  # b3: per month
    average_change: Estimate  # mean distance from the trend over the months after
    months_before: int
    months_after: int
    durbin_watson: float

    @property
    def direction(self) -> Direction:
        return self.average_change.direction


@dataclass(frozen=True)
class DifferenceResult:
    """Difference-in-differences: the change (after − before) of the own series minus that of
    the comparison group, from the monthly differences between the two."""

    change: Estimate
    months_before: int
    months_after: int

    @property
    def direction(self) -> Direction:
        return self.change.direction


def _estimate(results, contrast: Sequence[float]) -> Estimate:
    test = results.t_test(np.asarray([contrast], dtype=float))
    low, high = test.conf_int(alpha=ALPHA)[0]
    return Estimate(
        float(np.squeeze(test.effect)), float(low), float(high), float(np.squeeze(test.pvalue))
    )


def enough_months(positions: Sequence[int]) -> bool:
    before = sum(1 for k in positions if k < 0)
    after = sum(1 for k in positions if k > 0)
    return before >= MINIMUM_MONTHS_BEFORE and after >= MINIMUM_MONTHS_AFTER


def segmented_regression(
    positions: Sequence[int], values: Sequence[float], weights: Sequence[float]
) -> TrendResult | None:
    """Level and slope change after month 0, or None with too few months on either side."""
    if not enough_months(positions):
        return None
    k = np.asarray(positions, dtype=float)
    after = (k > 0).astype(float)
    since = after * (k - 1)
    design = np.column_stack([np.ones_like(k), k, after, since])
    y = np.asarray(values, dtype=float)
    results = sm.WLS(y, design, weights=np.asarray(weights, dtype=float)).fit()
    mean_since = float(since[after == 1].mean())
    return TrendResult(
        level_change=_estimate(results, [0, 0, 1, 0]),
        slope_change=_estimate(results, [0, 0, 0, 1]),
        average_change=_estimate(results, [0, 0, 1, mean_since]),
        months_before=int((k < 0).sum()),
        months_after=int(after.sum()),
        durbin_watson=float(durbin_watson(results.wresid)),
    )


def difference_in_differences(
    positions: Sequence[int], own: Sequence[float], comparison: Sequence[float]
) -> DifferenceResult | None:
    """With one own series and one comparison series, month and group fixed effects leave
    the monthly difference regressed on "after"; its coefficient is the estimate."""
    if not enough_months(positions):
        return None
    k = np.asarray(positions, dtype=float)
    after = (k > 0).astype(float)
    difference = np.asarray(own, dtype=float) - np.asarray(comparison, dtype=float)
    results = sm.OLS(difference, np.column_stack([np.ones_like(k), after])).fit()
    return DifferenceResult(
        change=_estimate(results, [0, 1]),
        months_before=int((k < 0).sum()),
        months_after=int(after.sum()),
    )
