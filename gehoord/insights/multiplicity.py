"""False-discovery control for the many comparisons one screen makes (DESIGN.md §5).

A screen that tests twenty items against the period before, or twelve providers on ten
items against their area, makes many tests at once; each at 5 % would show "duidelijk
hoger/lager" somewhere on most screens even when nothing changed. Every screen that prints
those words therefore passes the comparisons it shows through `control`, which applies the
Benjamini–Hochberg procedure (statsmodels' `multipletests`, method "fdr_bh") at
`FALSE_DISCOVERY_RATE`: of the differences a screen calls clear, at most that share is
expected to be chance.

The family is what the screen shows: only figures that are shown (not suppressed) with a
testable comparison. The raw p stays on the comparison; the adjusted p and the family size
are added, so the tooltip shows both. Adjusting again over a larger family (a screen that
joins two reads) starts from the raw p values, so the outcome does not depend on the order.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence

from statsmodels.stats.multitest import multipletests

from .figures import Figure
from .stats import Comparison, Verdict

# The expected share of false "duidelijk" verdicts among all "duidelijk" verdicts on a
# screen. 5 % matches the 95 % intervals shown beside every figure.
FALSE_DISCOVERY_RATE = 0.05


def adjust(
    comparisons: Sequence[Comparison], rate: float = FALSE_DISCOVERY_RATE
) -> list[Comparison]:
    """The comparisons with Benjamini–Hochberg verdicts, in the same order.

    Untestable comparisons keep their verdict and do not count in the family. A family of
    one is adjusted too (its adjusted p equals its raw p), so every verdict reads the same way.
    """
    if not 0 < rate < 1:
        raise ValueError(f"the false-discovery rate must lie strictly between 0 and 1: {rate!r}")
    testable = [
        i
        for i, c in enumerate(comparisons)
        if c.verdict is not Verdict.NOT_TESTABLE and c.p_value is not None
    ]
    result = list(comparisons)
    if not testable:
        return result
    p_values = [comparisons[i].p_value for i in testable]
    reject, adjusted, _, _ = multipletests(p_values, alpha=rate, method="fdr_bh")
    for i, rejected, adjusted_p in zip(testable, reject, adjusted, strict=True):
        comparison = comparisons[i]
        statistic = comparison.statistic or 0.0
        if not rejected:
            verdict = Verdict.NO_CLEAR_DIFFERENCE
        elif statistic > 0:
            verdict = Verdict.CLEARLY_HIGHER
        else:
            verdict = Verdict.CLEARLY_LOWER
        result[i] = dataclasses.replace(
            comparison,
            verdict=verdict,
            adjusted_p_value=float(adjusted_p),
            family_size=len(testable),
        )
    return result


def control(figures: Iterable[Figure | None], rate: float = FALSE_DISCOVERY_RATE) -> None:
    """Give the shown, compared figures of one screen their adjusted verdicts (in place).

    Suppressed figures print no verdict and no test, so they are not part of the family.
    """
    family = [f for f in figures if f is not None and f.shown and f.comparison is not None]
    for figure, comparison in zip(
        family, adjust([f.comparison for f in family], rate), strict=True
    ):
        figure.comparison = comparison
