"""Estimates and significance tests for the figures of DESIGN.md §5, on summary sums.

Everything here is pure numpy/scipy/statsmodels so that it can be tested without a database.
The daily rollups store a mean as (n, Σx, Σx²) and a share as (n, successes); those sums add
up over days, providers and segments, which is why `MeanSums` and `ShareCounts` support `+`
and `-` and are the preferred form to carry around until a figure is shown.
"""

from __future__ import annotations

import functools
import math
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from scipy import stats as scipy_stats
from statsmodels.stats.proportion import proportion_confint, proportions_ztest

from gehoord.formatting import TEST_SEPARATOR, format_p, format_test

DEFAULT_CONFIDENCE = 0.95
DEFAULT_ALPHA = 0.05

# Σx² − (Σx)²/n loses digits to cancellation. Summing n floats can be off by about n·ε of the
# magnitude of Σx², so a corrected sum of squares smaller than that is rounding noise (for
# example all-equal answers) and is taken as exactly zero rather than as a tiny spread.
_CANCELLATION_FACTOR = 16 * sys.float_info.epsilon


def _check_confidence(confidence: float) -> None:
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must lie strictly between 0 and 1, not {confidence!r}")


# --- means -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeanEstimate:
    """A mean with its sample standard deviation and confidence interval (None when unknown)."""

    n: int
    mean: float | None
    sd: float | None
    ci_low: float | None
    ci_high: float | None


@functools.lru_cache(maxsize=4096)
def _t_critical(confidence: float, df: int) -> float:
    # A page shows hundreds of intervals with few distinct n; scipy's ppf is slow per call.
    return float(scipy_stats.t.ppf((1 + confidence) / 2, df))


def mean_from_sums(
    n: int, total: float, total_sq: float, confidence: float = DEFAULT_CONFIDENCE
) -> MeanEstimate:
    """Mean, sample sd (n − 1) and Student-t confidence interval from n, Σx and Σx².

    n == 0 gives only None; n == 1 gives the mean without sd or interval. The sums form loses
    about ε·(mean/sd)² of relative precision in the sd: nothing for grades and agreement items,
    but values far from zero with a small spread (timestamps, say) should be centred first.
    """
    _check_confidence(confidence)
    # Database sums of DecimalField answers arrive as Decimal, which does not mix with floats.
    n, total, total_sq = int(n), float(total), float(total_sq)
    if n < 0:
        raise ValueError(f"n cannot be negative ({n})")
    if n == 0:
        return MeanEstimate(n=0, mean=None, sd=None, ci_low=None, ci_high=None)
    mean = total / n
    if n == 1:
        return MeanEstimate(n=1, mean=mean, sd=None, ci_low=None, ci_high=None)
    sum_sq_dev = total_sq - total * total / n
    if sum_sq_dev <= _CANCELLATION_FACTOR * n * abs(total_sq):
        sum_sq_dev = 0.0
    sd = math.sqrt(sum_sq_dev / (n - 1))
    half_width = _t_critical(confidence, n - 1) * sd / math.sqrt(n)
    return MeanEstimate(n=n, mean=mean, sd=sd, ci_low=mean - half_width, ci_high=mean + half_width)


@dataclass(frozen=True)
class MeanSums:
    """The additive form of a mean, as stored in the rollups: n, Σx and Σx².

    `MeanSums()` is the empty sum, so `sum(rows, MeanSums())` combines rollup rows.
    """

    n: int = 0
    total: float = 0.0
    total_sq: float = 0.0

    def __post_init__(self) -> None:
        # Rollup sums may be Decimal (DecimalField answers) or numpy scalars; one type keeps
        # + and - working between rows from different sources.
        object.__setattr__(self, "n", int(self.n))
        object.__setattr__(self, "total", float(self.total))
        object.__setattr__(self, "total_sq", float(self.total_sq))

    @classmethod
    def from_values(cls, values: Iterable[float]) -> MeanSums:
        n, total, total_sq = 0, 0.0, 0.0
        for value in values:
            n += 1
            total += value
            total_sq += value * value
        return cls(n=n, total=total, total_sq=total_sq)

    def estimate(self, confidence: float = DEFAULT_CONFIDENCE) -> MeanEstimate:
        return mean_from_sums(self.n, self.total, self.total_sq, confidence)

    def __add__(self, other: object) -> MeanSums:
        if not isinstance(other, MeanSums):
            return NotImplemented
        return MeanSums(self.n + other.n, self.total + other.total, self.total_sq + other.total_sq)

    def __sub__(self, other: object) -> MeanSums:
        if not isinstance(other, MeanSums):
            return NotImplemented
        if other.n > self.n:
            raise ValueError(
                f"cannot take {other.n} observations away from {self.n}: "
                "the part is larger than the whole"
            )
        return MeanSums(self.n - other.n, self.total - other.total, self.total_sq - other.total_sq)


def sums_of(estimate: MeanEstimate | MeanSums) -> MeanSums:
    """The sums behind an estimate: Σx = n·mean, Σx² = (n − 1)·sd² + n·mean²."""
    if isinstance(estimate, MeanSums):
        return estimate
    if estimate.n == 0:
        return MeanSums()
    if estimate.mean is None:
        raise ValueError("an estimate with n > 0 needs a mean")
    n, mean = estimate.n, estimate.mean
    if n == 1:
        return MeanSums(1, mean, mean * mean)
    if estimate.sd is None:
        raise ValueError("an estimate with n ≥ 2 needs a standard deviation")
    return MeanSums(n, n * mean, (n - 1) * estimate.sd**2 + n * mean * mean)


# --- shares ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProportionEstimate:
    """A share (0..1) of successes with its Wilson interval (None when n is 0)."""

    n: int
    successes: int
    share: float | None
    ci_low: float | None
    ci_high: float | None


def proportion(
    n: int, successes: int, confidence: float = DEFAULT_CONFIDENCE
) -> ProportionEstimate:
    """Share with the Wilson score interval, which stays inside 0..1 and behaves at 0 % and 100 %
    and at small n, where the normal-approximation (Wald) interval does not."""
    _check_confidence(confidence)
    n, successes = int(n), int(successes)
    if n < 0 or successes < 0 or successes > n:
        raise ValueError(f"need 0 ≤ successes ≤ n, got successes={successes}, n={n}")
    if n == 0:
        return ProportionEstimate(n=0, successes=0, share=None, ci_low=None, ci_high=None)
    low, high = proportion_confint(successes, n, alpha=1 - confidence, method="wilson")
    # At 0/n and n/n the Wilson bound is exactly 0 or 1; floating point gives 5.6e-17 or
    # 0.9999999999999999, which a file or the API would show as such.
    low = 0.0 if successes == 0 else max(0.0, float(low))
    high = 1.0 if successes == n else min(1.0, float(high))
    return ProportionEstimate(
        n=n, successes=successes, share=successes / n, ci_low=low, ci_high=high
    )


@dataclass(frozen=True)
class ShareCounts:
    """The additive form of a share, as stored in the rollups: n and successes."""

    n: int = 0
    successes: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "n", int(self.n))
        object.__setattr__(self, "successes", int(self.successes))

    @classmethod
    def from_flags(cls, flags: Iterable[bool]) -> ShareCounts:
        n = successes = 0
        for flag in flags:
            n += 1
            successes += bool(flag)
        return cls(n=n, successes=successes)

    def estimate(self, confidence: float = DEFAULT_CONFIDENCE) -> ProportionEstimate:
        return proportion(self.n, self.successes, confidence)

    def __add__(self, other: object) -> ShareCounts:
        if not isinstance(other, ShareCounts):
            return NotImplemented
        return ShareCounts(self.n + other.n, self.successes + other.successes)

    def __sub__(self, other: object) -> ShareCounts:
        if not isinstance(other, ShareCounts):
            return NotImplemented
        n, successes = self.n - other.n, self.successes - other.successes
        if n < 0 or successes < 0 or successes > n:
            raise ValueError(
                f"cannot take {other} away from {self}: the part is larger than the whole"
            )
        return ShareCounts(n, successes)


def counts_of(estimate: ProportionEstimate | ShareCounts) -> ShareCounts:
    if isinstance(estimate, ShareCounts):
        return estimate
    return ShareCounts(estimate.n, estimate.successes)


# --- comparisons -------------------------------------------------------------------------------


class Verdict(StrEnum):
    CLEARLY_HIGHER = "clearly_higher"
    CLEARLY_LOWER = "clearly_lower"
    NO_CLEAR_DIFFERENCE = "no_clear_difference"
    NOT_TESTABLE = "not_testable"


WELCH_T = "welch_t"
TWO_PROPORTION_Z = "two_proportion_z"


@dataclass(frozen=True)
class Comparison:
    """The outcome of testing a against b; the verdict is about a relative to b."""

    verdict: Verdict
    p_value: float | None
    statistic: float | None
    df: float | None
    test: str
    # Set by `multiplicity.control` when this test is one of several on a screen: the
    # Benjamini–Hochberg adjusted p and the number of tests in the family. The verdict is
    # then the adjusted one; `p_value` stays the raw p.
    adjusted_p_value: float | None = None
    family_size: int | None = None

    def describe(self) -> str:
        """Short technical text for a tooltip, in the active language's notation:
        "Welch's t = 3,83; df = 12.542,9; p < 0,001" (the caller wraps it in translated text)."""
        name = "Welch's t" if self.test == WELCH_T else "z"
        if self.verdict is Verdict.NOT_TESTABLE or self.statistic is None or self.p_value is None:
            return _("%(test)s: not testable") % {"test": name}
        text = format_test(name, self.statistic, self.p_value, self.df)
        if self.adjusted_p_value is not None:
            adjusted = format_p(self.adjusted_p_value).replace("p", _("adjusted p"), 1)
            tests = ngettext(
                "Benjamini–Hochberg, %(count)d test",
                "Benjamini–Hochberg, %(count)d tests",
                self.family_size or 0,
            ) % {"count": self.family_size or 0}
            text += f"{TEST_SEPARATOR}{adjusted} ({tests})"
        return text


def _verdict(statistic: float, p_value: float, alpha: float) -> Verdict:
    if not p_value < alpha:
        return Verdict.NO_CLEAR_DIFFERENCE
    return Verdict.CLEARLY_HIGHER if statistic > 0 else Verdict.CLEARLY_LOWER


def _check_alpha(alpha: float) -> None:
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must lie strictly between 0 and 1, not {alpha!r}")


def _not_testable(test: str) -> Comparison:
    return Comparison(Verdict.NOT_TESTABLE, p_value=None, statistic=None, df=None, test=test)


def compare_means(
    a: MeanEstimate | MeanSums, b: MeanEstimate | MeanSums, alpha: float = DEFAULT_ALPHA
) -> Comparison:
    """Welch's t test of a against b from summary statistics (no equal-variance assumption,
    because providers differ in both size and spread)."""
    _check_alpha(alpha)
    a = a.estimate() if isinstance(a, MeanSums) else a
    b = b.estimate() if isinstance(b, MeanSums) else b
    if a.n < 2 or b.n < 2 or a.sd is None or b.sd is None or a.mean is None or b.mean is None:
        return _not_testable(WELCH_T)
    if a.sd == 0 and b.sd == 0:
        return _not_testable(WELCH_T)
    result = scipy_stats.ttest_ind_from_stats(a.mean, a.sd, a.n, b.mean, b.sd, b.n, equal_var=False)
    var_a, var_b = a.sd**2 / a.n, b.sd**2 / b.n
    # Welch–Satterthwaite degrees of freedom, as scipy uses internally.
    df = (var_a + var_b) ** 2 / (var_a**2 / (a.n - 1) + var_b**2 / (b.n - 1))
    statistic, p_value = float(result.statistic), float(result.pvalue)
    return Comparison(
        verdict=_verdict(statistic, p_value, alpha),
        p_value=p_value,
        statistic=statistic,
        df=float(df),
        test=WELCH_T,
    )


def compare_proportions(
    a: ProportionEstimate | ShareCounts,
    b: ProportionEstimate | ShareCounts,
    alpha: float = DEFAULT_ALPHA,
) -> Comparison:
    """Two-proportion z test with the pooled share under the null hypothesis."""
    _check_alpha(alpha)
    a_counts, b_counts = counts_of(a), counts_of(b)
    if a_counts.n == 0 or b_counts.n == 0:
        return _not_testable(TWO_PROPORTION_Z)
    pooled = (a_counts.successes + b_counts.successes) / (a_counts.n + b_counts.n)
    if pooled in (0.0, 1.0):
        # Everyone (or no one) agrees in both groups: the standard error is zero.
        return _not_testable(TWO_PROPORTION_Z)
    statistic, p_value = proportions_ztest(
        [a_counts.successes, b_counts.successes], [a_counts.n, b_counts.n]
    )
    statistic, p_value = float(statistic), float(p_value)
    return Comparison(
        verdict=_verdict(statistic, p_value, alpha),
        p_value=p_value,
        statistic=statistic,
        df=None,
        test=TWO_PROPORTION_Z,
    )


def compare_mean_to_rest(
    part: MeanEstimate | MeanSums, whole: MeanEstimate | MeanSums, alpha: float = DEFAULT_ALPHA
) -> Comparison:
    """A provider against the rest of its area.

    The area figure includes the provider itself; testing a part against a whole that contains
    it understates the difference and violates the independence the test assumes, so the
    part's sums are taken out of the whole first.
    """
    part_sums = sums_of(part)
    rest = sums_of(whole) - part_sums
    return compare_means(part_sums.estimate(), rest.estimate(), alpha)


def compare_proportion_to_rest(
    part: ProportionEstimate | ShareCounts,
    whole: ProportionEstimate | ShareCounts,
    alpha: float = DEFAULT_ALPHA,
) -> Comparison:
    """As `compare_mean_to_rest`, for shares."""
    part_counts = counts_of(part)
    rest = counts_of(whole) - part_counts
    return compare_proportions(part_counts, rest, alpha)
