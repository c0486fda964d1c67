"""Raking weights and weighted figures (issue 22, DESIGN.md §5).

Raking (iterative proportional fitting, Deming & Stephan 1940) gives each response a weight
so that the weighted responses match known population counts on every margin at once (age
band, district, service, …) without needing the joint table. Weights are trimmed to a band
around their mean so that a few respondents from a thin stratum do not carry a figure, and
raked again after each trim.

A weighted figure is less precise than its raw n suggests. Kish's design effect of unequal
weighting, deff = 1 + CV² of the weights, gives the effective n = n / deff = (Σw)² / Σw²,
which is used for the confidence interval and (through `disclosure.weighted_n`) for
suppression. The checked Python packages (ipfn: contingency tables, no trimming, no
release since 2021) do not do per-response raking with trimming, so this is written here
and kept small; it is pure numpy and tested without a database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from statsmodels.stats.proportion import proportion_confint

from .stats import DEFAULT_CONFIDENCE, _t_critical

# Trimming band around the mean weight (1 after normalising): Kalton & Flores-Cervantes
# advise a cap of a few times the mean; 5 and 1/5 keep deff modest.
DEFAULT_TRIM = (0.2, 5.0)
DEFAULT_TOLERANCE = 1e-6
DEFAULT_MAX_ITERATIONS = 100

# Why raking gave no (or no exact) weights.
EMPTY_CELL = "empty_cell"  # a population category has no response to carry it
NO_RESPONSES = "no_responses"
NOT_CONVERGED = "not_converged"
INCONSISTENT = "inconsistent"  # margins with different population totals


@dataclass
class RakingResult:
    """Weights per response (mean 1) and how raking went."""

    weights: np.ndarray
    converged: bool
    iterations: int
    max_error: float  # the largest relative gap between a weighted and a target share
    problems: list[tuple[str, str, str]] = field(default_factory=list)  # (code, margin, value)
    trimmed: int = 0  # responses whose weight ended at a bound

    @property
    def usable(self) -> bool:
        """Converged with every population category covered: the weights describe the
        population. Otherwise figures are shown unweighted, with the reason."""
        return self.converged and not self.problems

    @property
    def design_effect(self) -> float:
        return design_effect(self.weights)

    @property
    def effective_n(self) -> float:
        return effective_n(self.weights)


def design_effect(weights: Sequence[float] | np.ndarray) -> float:
    """Kish's design effect of unequal weights: 1 + CV² = n·Σw² / (Σw)²."""
    w = np.asarray(weights, dtype=float)
    if w.size == 0 or w.sum() <= 0:
        return 1.0
    return float(w.size * np.sum(w * w) / w.sum() ** 2)


def effective_n(weights: Sequence[float] | np.ndarray) -> float:
    """Kish's effective sample size: (Σw)² / Σw² = n / deff."""
    w = np.asarray(weights, dtype=float)
    if w.size == 0 or np.sum(w * w) <= 0:
        return 0.0
    return float(w.sum() ** 2 / np.sum(w * w))


def rake(
    categories: Mapping[str, Sequence[str]],
    margins: Mapping[str, Mapping[str, float]],
    *,
    trim: tuple[float, float] | None = DEFAULT_TRIM,
    tolerance: float = DEFAULT_TOLERANCE,
    max_iterations: int = DEFAULT_MAX_ITERATIONS,
) -> RakingResult:
    """Raking weights for responses whose category on each margin is `categories[margin]`.

    `margins[margin]` maps each category to its population count; only the shares count.
    A response whose category is not among a margin's keys (unknown district) keeps its
    weight on that margin. A category of the population without any response is an empty
    cell: raking cannot reach it and says so (the margin's other categories are still
    raked to their shares among the covered population).
    """
    names = [name for name in margins if name in categories]
    n = len(next(iter(categories.values()))) if categories else 0
    problems: list[tuple[str, str, str]] = []
    if n == 0:
        return RakingResult(np.ones(0), False, 0, float("inf"), [(NO_RESPONSES, "", "")])
    totals = {sum(margins[name].values()) for name in names}
    if len(totals) > 1 and (max(totals) - min(totals)) > 1e-9 * max(totals):
        problems.append((INCONSISTENT, "", ""))
    codes, targets = [], []
    for name in names:
        values = np.asarray(categories[name], dtype=object)
        wanted = {k: float(v) for k, v in margins[name].items() if v > 0}
        present = set(values.tolist())
        for key in sorted(wanted):
            if key not in present:
                problems.append((EMPTY_CELL, name, key))
        covered = {k: v for k, v in wanted.items() if k in present}
        scale = sum(covered.values())
        masks = [(values == key, count / scale) for key, count in sorted(covered.items())]
        codes.append(masks)
        targets.append(scale)
    weights = np.ones(n)
    low, high = trim if trim else (0.0, np.inf)
    iterations, error = 0, float("inf")
    while iterations < max_iterations:
        iterations += 1
        for masks in codes:
            inside = np.zeros(n, dtype=bool)
            for mask, _share in masks:
                inside |= mask
            mass = weights[inside].sum()
            for mask, share in masks:
                current = weights[mask].sum()
                if current > 0:
                    weights[mask] *= share * mass / current
        weights *= n / weights.sum()
        if trim:
            weights = _trimmed(weights, low, high)
        error = _max_error(weights, codes)
        if error < tolerance:
            break
    converged = bool(error < tolerance)
    if not converged:
        problems.append((NOT_CONVERGED, "", ""))
    trimmed = int(np.sum(np.isclose(weights, low) | np.isclose(weights, high))) if trim else 0
    return RakingResult(weights, converged, iterations, error, problems, trimmed)


def _trimmed(weights: np.ndarray, low: float, high: float) -> np.ndarray:
    """Weights clipped to [low, high] around a mean of 1: clipping moves the mean, so clip
    and rescale until both hold (a few rounds; it always ends since low ≤ 1 ≤ high)."""
    n = weights.size
    for _round in range(50):
        weights = np.clip(weights, low, high)
        weights *= n / weights.sum()
        if weights.min() >= low * (1 - 1e-9) and weights.max() <= high * (1 + 1e-9):
            break
    return weights


def _max_error(weights: np.ndarray, codes: list[list[tuple[np.ndarray, float]]]) -> float:
    error = 0.0
    for masks in codes:
        inside = np.zeros(weights.size, dtype=bool)
        for mask, _share in masks:
            inside |= mask
        mass = weights[inside].sum()
        for mask, share in masks:
            error = max(error, abs(weights[mask].sum() / mass - share) / share)
    return error


@dataclass(frozen=True)
class WeightedEstimate:
    n: int  # raw number of answers
    effective_n: float
    design_effect: float
    value: float | None
    ci_low: float | None
    ci_high: float | None


def weighted_mean(
    values: Sequence[float], weights: Sequence[float], confidence: float = DEFAULT_CONFIDENCE
) -> WeightedEstimate:
    """Weighted mean Σwx/Σw; its CI is the t interval with Kish's effective n: the weighted
    variance Σw(x − x̄)²/Σw · n/(n − 1), divided by n_eff, t with n_eff − 1 degrees of
    freedom (rounded down)."""
    x, w = np.asarray(values, dtype=float), np.asarray(weights, dtype=float)
    n = int(x.size)
    if n == 0 or w.sum() <= 0:
        return WeightedEstimate(n, 0.0, 1.0, None, None, None)
    mean = float(np.sum(w * x) / w.sum())
    n_eff, deff = effective_n(w), design_effect(w)
    if n < 2 or n_eff < 2:
        return WeightedEstimate(n, n_eff, deff, mean, None, None)
    variance = float(np.sum(w * (x - mean) ** 2) / w.sum()) * n / (n - 1)
    half = _t_critical(confidence, int(n_eff) - 1) * np.sqrt(variance / n_eff)
    return WeightedEstimate(n, n_eff, deff, mean, mean - half, mean + half)


def weighted_share(
    flags: Sequence[bool], weights: Sequence[float], confidence: float = DEFAULT_CONFIDENCE
) -> WeightedEstimate:
    """Weighted share Σw·[flag]/Σw as a percentage; Wilson interval on the effective n
    (the share with n_eff trials), the interval the unweighted share uses."""
    f, w = np.asarray(flags, dtype=float), np.asarray(weights, dtype=float)
    n = int(f.size)
    if n == 0 or w.sum() <= 0:
        return WeightedEstimate(n, 0.0, 1.0, None, None, None)
    share = float(np.sum(w * f) / w.sum())
    n_eff, deff = effective_n(w), design_effect(w)
    low, high = proportion_confint(share * n_eff, n_eff, alpha=1 - confidence, method="wilson")
    return WeightedEstimate(n, n_eff, deff, 100 * share, 100 * float(low), 100 * float(high))


@dataclass(frozen=True)
class StratumRepresentation:
    margin: str
    value: str
    population_share: float  # 0–1
    response_share: float  # 0–1, unweighted
    responses: int

    @property
    def ratio(self) -> float:
        return self.response_share / self.population_share if self.population_share else 0.0


# A stratum whose share of the responses is below this fraction of its share of the
# population is called under-represented (0.8: a fifth too few).
UNDER_REPRESENTED = 0.8


def representation(
    categories: Mapping[str, Sequence[str]], margins: Mapping[str, Mapping[str, float]]
) -> list[StratumRepresentation]:
    """Per margin and category: share of the population against share of the responses."""
    rows = []
    for name, counts in margins.items():
        values = list(categories.get(name, ()))
        total_population = sum(counts.values())
        known = [v for v in values if v in counts]
        for key in sorted(counts):
            responses = sum(1 for v in known if v == key)
            rows.append(
                StratumRepresentation(
                    name,
                    key,
                    counts[key] / total_population if total_population else 0.0,
                    responses / len(known) if known else 0.0,
                    responses,
                )
            )
    return rows


def under_represented(rows: Sequence[StratumRepresentation]) -> list[StratumRepresentation]:
    return [r for r in rows if r.population_share > 0 and r.ratio < UNDER_REPRESENTED]
