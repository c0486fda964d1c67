"""A published number: value, n, interval, and whether it may be shown at all.

Every figure leaves the insights app as a `Figure`, so suppression (DESIGN.md §4: n below
the organisation's minimum → "te weinig reacties") is decided once, here, with the rules of
`disclosure`, and screens, exports, the PDF and the API all show the same thing. A hidden
figure shows no n either: its count stays in `_n`, which templates cannot read.
"""

from dataclasses import dataclass, replace

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import disclosure
from .stats import Comparison, MeanSums, ShareCounts, Verdict

TOO_FEW = gettext_lazy("too few responses")
# Enough responses, but shown it would let a hidden figure be worked out from the total.
HIDDEN_FOR_PRIVACY = gettext_lazy("not shown (privacy)")

VERDICT_WORDS = {
    Verdict.CLEARLY_HIGHER: gettext_lazy("clearly higher"),
    Verdict.CLEARLY_LOWER: gettext_lazy("clearly lower"),
    Verdict.NO_CLEAR_DIFFERENCE: gettext_lazy("no clear difference"),
    Verdict.NOT_TESTABLE: gettext_lazy("cannot be compared"),
}


@dataclass
class Figure:
    kind: str  # "mean" (grade, average score) or "share" (percentage)
    _n: int  # the count behind the figure; shown only through `n`
    value: float | None
    ci_low: float | None
    ci_high: float | None
    suppressed: bool
    comparison: Comparison | None = None
    # Hidden although n reaches the minimum (secondary suppression, `disclosure`).
    complementary: bool = False
    # False when the comparator is a single unit: the verdict, but no t, z, df or p.
    statistics_shown: bool = True
    # A weighted figure (`weighted`): Kish's design effect and effective n beside the raw n.
    weighted: bool = False
    effective_n: float | None = None
    design_effect: float | None = None

    @property
    def n(self) -> int | None:
        """The number of answers, or None when the figure is hidden: a hidden figure's n
        with the total's n and the shown siblings' would give its sums back."""
        return None if self.suppressed else self._n

    @property
    def suppression(self) -> str | None:
        if not self.suppressed:
            return None
        return disclosure.COMPLEMENTARY if self.complementary else disclosure.TOO_FEW

    @property
    def effective_n_shown(self) -> int | None:
        """Kish's effective n, rounded down, for a shown weighted figure."""
        if self.suppressed or self.effective_n is None:
            return None
        return int(self.effective_n)

    @property
    def design_effect_display(self) -> str:
        if self.suppressed or self.design_effect is None:
            return ""
        return number_format(round(self.design_effect, 2), 2)

    def hide(self, *, complementary: bool = False) -> None:
        self.suppressed = True
        self.complementary = self.complementary or complementary

    @property
    def shown(self) -> bool:
        return not self.suppressed and self.value is not None

    @property
    def display(self) -> str:
        if self.complementary and self.suppressed:
            return str(HIDDEN_FOR_PRIVACY)
        if not self.shown:
            return str(TOO_FEW)
        if self.kind == "share":
            return f"{_number(self.kind, self.value)}%"
        return _number(self.kind, self.value)

    @property
    def interval(self) -> str:
        if not self.shown or self.ci_low is None:
            return ""
        return f"{_number(self.kind, self.ci_low)} – {_number(self.kind, self.ci_high)}"

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
        if not self.comparison or not self.shown or not self.statistics_shown:
            return ""
        return _("Test: %(test)s") % {"test": self.comparison.describe()}

    def as_dict(self) -> dict:
        """For exports and the API: with the digits of the screen, and a hidden figure
        carries nothing but the reason it is hidden."""
        shown = self.shown
        return {
            "n": self.n,
            "value": disclosure.rounded(self.kind, self.value) if shown else None,
            "ci_low": disclosure.rounded(self.kind, self.ci_low) if shown else None,
            "ci_high": disclosure.rounded(self.kind, self.ci_high) if shown else None,
            "suppressed": self.suppressed,
            "suppression": self.suppression,
            "verdict": str(self.verdict) if self.verdict else None,
        }


def _number(kind: str, value: float | None) -> str:
    """A value as the screen shows it: rounded to the digits files and the API carry
    (`disclosure.rounded`), then in the Dutch notation. Django's number_format alone cuts
    digits off instead of rounding (7.98 would read 7,9)."""
    return number_format(disclosure.rounded(kind, value), disclosure.DIGITS.get(kind, 1))


def mean_figure(sums: MeanSums, minimum_n: int) -> Figure:
    estimate = sums.estimate()
    return Figure(
        "mean",
        sums.n,
        estimate.mean,
        estimate.ci_low,
        estimate.ci_high,
        suppressed=disclosure.below_minimum(sums.n, minimum_n),
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
        suppressed=disclosure.below_minimum(counts.n, minimum_n),
    )


def hidden_figure(figure: Figure) -> Figure:
    """A copy of `figure` hidden by secondary suppression, for an exit that may not show
    what another exit shows (the area in a provider's own portal)."""
    copy = replace(figure, comparison=None)
    copy.hide(complementary=copy.shown)
    return copy
