"""A published number: value, n, interval, and whether it may be shown at all.

Every figure leaves the insights app as a `Figure`, so suppression (DESIGN.md §4: n below
the organisation's minimum → "te weinig reacties") is decided once, here, and screens,
exports, the PDF and the API all show the same thing.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .stats import Comparison, MeanSums, ShareCounts, Verdict

TOO_FEW = gettext_lazy("too few responses")

VERDICT_WORDS = {
    Verdict.CLEARLY_HIGHER: gettext_lazy("clearly higher"),
    Verdict.CLEARLY_LOWER: gettext_lazy("clearly lower"),
    Verdict.NO_CLEAR_DIFFERENCE: gettext_lazy("no clear difference"),
    Verdict.NOT_TESTABLE: gettext_lazy("cannot be compared"),
}


@dataclass
class Figure:
    kind: str  # "mean" (grade, average score) or "share" (percentage)
    n: int
    value: float | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool
    comparison: Comparison | None = None

    @property
    def shown(self) -> bool:
        return not self.suppressed and self.value is not None

    @property
    def display(self) -> str:
        if not self.shown:
            return str(TOO_FEW)
        if self.kind == "share":
            return f"{number_format(self.value, 0)}%"
        return number_format(self.value, 1)

    @property
    def interval(self) -> str:
        if not self.shown or self.ci_low is None:
            return ""
        digits = 0 if self.kind == "share" else 1
        return f"{number_format(self.ci_low, digits)} – {number_format(self.ci_high, digits)}"

    @property
    def verdict(self) -> str:
        return self.comparison.verdict if self.comparison and self.shown else ""

    @property
    def verdict_words(self) -> str:
        if not self.comparison or not self.shown:
            return ""
        return str(VERDICT_WORDS[self.comparison.verdict])

    @property
    def test_description(self) -> str:
        if not self.comparison or not self.shown:
            return ""
        return _("Test: %(test)s") % {"test": self.comparison.describe()}

    def as_dict(self) -> dict:
        """For exports and the API: a suppressed figure carries only its n."""
        return {
            "n": self.n,
            "value": self.value if self.shown else None,
            "ci_low": self.ci_low if self.shown else None,
            "ci_high": self.ci_high if self.shown else None,
            "suppressed": self.suppressed,
            "verdict": str(self.verdict) if self.verdict else None,
        }


def mean_figure(sums: MeanSums, minimum_n: int) -> Figure:
    estimate = sums.estimate()
    return Figure(
        "mean",
        sums.n,
        estimate.mean,
        estimate.ci_low,
        estimate.ci_high,
        suppressed=sums.n < minimum_n,
    )


def _percent(share: float | None) -> float | None:
    return None if share is None else 100 * share


def share_figure(counts: ShareCounts, minimum_n: int) -> Figure:
    estimate = counts.estimate()
    scale = _percent
    return Figure(
        "share",
        counts.n,
        scale(estimate.share),
        scale(estimate.ci_low),
        scale(estimate.ci_high),
        suppressed=counts.n < minimum_n,
    )
