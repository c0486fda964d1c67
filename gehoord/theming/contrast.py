"""WCAG 2.1 contrast of a theme's colours (success criteria 1.4.3 and 1.4.11), computed with
coloraide on exactly the values the resident pages use (`tokens.themed_values`)."""

from dataclasses import dataclass

from coloraide import Color
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

AA_TEXT = 4.5  # normal text, WCAG 2.1 SC 1.4.3 level AA

# (foreground role, background role, what it is, the ratio needed)
PAIRS: tuple[tuple[str, str, str | Promise, float], ...] = (
    ("--gehoord-color-text", "--gehoord-color-background", _("Text on the page"), AA_TEXT),
    ("--gehoord-color-link", "--gehoord-color-background", _("Links"), AA_TEXT),
    ("--gehoord-color-primary-dark", "--gehoord-color-background", _("Headings"), AA_TEXT),
    (
        "--gehoord-color-on-primary",
        "--gehoord-color-primary",
        _("Text on buttons and in the page header"),
        AA_TEXT,
    ),
    (
        "--gehoord-color-on-primary",
        "--gehoord-color-primary-dark",
        _("Text on a button under the mouse pointer"),
        AA_TEXT,
    ),
    ("--gehoord-color-primary", "--gehoord-color-background", _("Buttons on the page"), 3.0),
)


@dataclass(frozen=True)
class ContrastCheck:
    label: str | Promise
    foreground: str
    background: str
    ratio: float | None  # None: one of the two is not a colour we can read
    required: float

    @property
    def passes(self) -> bool:
        return self.ratio is not None and self.ratio >= self.required


def ratio(foreground: str, background: str) -> float | None:
    """The WCAG 2.1 contrast ratio of two CSS colours; None when one cannot be read."""
    try:
        front, back = Color(foreground), Color(background)
    except ValueError:
        return None
    if front.alpha() < 1:  # a see-through colour is seen over the background
        front = Color.layer([front, back], space="srgb")
    return round(front.contrast(back, method="wcag21"), 2)


def check(values: dict[str, str]) -> list[ContrastCheck]:
    return [
        ContrastCheck(label, values[fg], values[bg], ratio(values[fg], values[bg]), required)
        for fg, bg, label, required in PAIRS
    ]


def readable(values: dict[str, str]) -> bool:
    return all(result.passes for result in check(values))
