"""Disclosure control: the rules that decide what of a figure may leave insights.

Every exit (screens, API, figure files, PDF, public pages, provider portal, digest,
benchmarks, effects) shows a `Figure`; the rules that make those figures safe to combine
live here, so no exit has its own check (see docs/statistics.md, "Disclosure control"):

- primary suppression: a cell with fewer answers than the organisation's minimum n;
- secondary (complementary) suppression: when a total is shown beside its parts, the hidden
  parts together must be at least two cells with at least the minimum n, or the total
  minus the shown parts would give a hidden cell back (Hundepool et al. 2012, ch. 4);
- a hidden cell shows no n, and no test is shown against a hidden comparator; against a
  comparator of one unit (one provider, one organisation) the verdict stays but not the
  test statistics, which would give that unit's figure back with more digits than shown;
- files carry no more digits than the screen (`DIGITS`);
- pooled figures of other organisations: at least `MINIMUM_ORGANISATIONS`, and no group
  whose difference with another shown group is smaller than that (`complement_hidden`).

The functions are pure (no database), so the rules are tested on their own.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

# A pooled figure of fewer organisations than this could single one out: two organisations
# that see their pair's pool each know their own part, and so the other's.
MINIMUM_ORGANISATIONS = 3

# The digits a figure is shown with, on screen and therefore in every file and the API.
DIGITS = {"mean": 1, "share": 0}

# Why a figure is hidden.
TOO_FEW = "too_few"  # primary: fewer answers than the minimum n
COMPLEMENTARY = "complementary"  # secondary: shown, it would give a hidden sibling back

Key = TypeVar("Key", bound=Hashable)


def below_minimum(n: int, minimum_n: int) -> bool:
    """Primary suppression."""
    return n < minimum_n


def below_minimum_weighted(n: int, effective_n: float, minimum_n: int) -> bool:
    """Primary suppression of a weighted figure: on the smaller of the raw n and Kish's
    effective n (rounded down), so weighting never shows a figure the raw n would hide and
    a few heavy weights count as the few answers they are."""
    return below_minimum(min(n, int(effective_n)), minimum_n)


def rounded(kind: str, value: float | None) -> float | None:
    """A value with the digits it is shown with (`kind` is "mean" or "share")."""
    if value is None:
        return None
    digits = DIGITS.get(kind, 1)
    result = round(value, digits)
    # round() keeps a float; 0 digits should still read as a whole number in a file.
    return float(result) if digits else float(int(result))


def _hidden_set_is_safe(hidden: Mapping[Key, int], minimum_n: int) -> bool:
    # Nothing hidden: nothing to derive. Otherwise the total minus the shown parts gives the
    # hidden parts pooled, which must be more than one cell and not below the minimum n.
    return not hidden or (len(hidden) >= 2 and sum(hidden.values()) >= minimum_n)


def complementary(cells: Mapping[Key, int], minimum_n: int) -> tuple[set[Key], set[Key]]:
    """The (primary, secondary) hidden cells of a total shown beside its parts.

    `cells` maps each part (a provider, say) to its n; the total is their sum. Parts below
    the minimum are hidden first; then, while the hidden parts could be recovered from the
    total and the shown parts, the smallest shown part is hidden too (the least information
    lost, and a small part protects a small part best). Ties go by key, so the result does
    not depend on the order of `cells`.
    """
    primary = {key for key, n in cells.items() if below_minimum(n, minimum_n)}
    hidden = {key: cells[key] for key in primary}
    shown = sorted((key for key in cells if key not in primary), key=lambda k: (cells[k], str(k)))
    while not _hidden_set_is_safe(hidden, minimum_n) and shown:
        key = shown.pop(0)
        hidden[key] = cells[key]
    return primary, set(hidden) - primary


def hidden_per_total(sizes: Mapping[Key, Mapping[int, int]], minimum_n: int) -> dict[int, set[Key]]:
    """`complementary` for many totals at once: `sizes` maps each part (a provider) to its
    n per total (a question); the result maps each total to its hidden parts."""
    cells: dict[int, dict[Key, int]] = {}
    for part, by_total in sizes.items():
        for total, n in by_total.items():
            cells.setdefault(total, {})[part] = n
    result = {}
    for total, parts in cells.items():
        primary, secondary = complementary(parts, minimum_n)
        result[total] = primary | secondary
    return result


@dataclass(frozen=True)
class ComparatorRule:
    """What may be shown of a test against a comparator."""

    testable: bool  # False: no verdict at all (the comparator is hidden)
    statistics: bool  # False: the verdict, but not t, z, df or p


def comparator_rule(comparator_n: int, minimum_n: int, units: int | None = None) -> ComparatorRule:
    """A test against a hidden comparator would give its mean back from t and df, and
    even its verdict narrows it down; against one unit the figure of that unit would come
    back with more digits than shown. `units`: how many providers or organisations the
    comparator pools (None: not a pool of units, e.g. the period before)."""
    if below_minimum(comparator_n, minimum_n) or units == 0:
        return ComparatorRule(testable=False, statistics=False)
    if units == 1:
        return ComparatorRule(testable=True, statistics=False)
    return ComparatorRule(testable=True, statistics=True)


def rest_may_be_shown(rest_n: int, rest_units: int, minimum_n: int) -> bool:
    """Whether a unit (a provider in its portal) may see the area it belongs to, or a test
    against the rest of it: the unit knows its own figure, so the area gives it the rest,
    which must be at least two other units with at least the minimum n together."""
    return rest_units >= 2 and not below_minimum(rest_n, minimum_n)


@dataclass(frozen=True)
class Group:
    """A pooled figure of organisations shown in a benchmark: who is in it and its n."""

    name: str
    members: frozenset[int]
    n: int
    sizes: Mapping[int, int]  # n per member
    # An organisation that agreed to be named is shown on its own; it needs no minimum
    # number of members, but what it takes out of a pool counts like any shown group.
    named: bool = False


def complement_hidden(
    groups: Sequence[Group], minimum_n: int, minimum_units: int = MINIMUM_ORGANISATIONS
) -> set[str]:
    """Names of the groups to hide so that no shown group, minus the shown groups inside
    it, leaves a remainder of fewer than `minimum_units` members or `minimum_n` answers.

    A group too small by itself is hidden first. Then each group is checked against the
    union of the other shown groups it contains, the largest groups last, so that hiding a
    large group cannot make a smaller check wrong. A remainder of nothing is safe: the
    group then is the sum of groups that are shown anyway.
    """
    hidden = {
        g.name
        for g in groups
        if (len(g.members) < minimum_units and not g.named) or below_minimum(g.n, minimum_n)
    }
    for group in sorted(groups, key=lambda g: len(g.members)):
        if group.name in hidden or group.named:
            continue
        inside: set[int] = set()
        for other in groups:
            if other is not group and other.name not in hidden and other.members < group.members:
                inside |= other.members
        rest = group.members - inside
        if not inside or not rest:
            continue
        rest_n = sum(group.sizes.get(member, 0) for member in rest)
        if len(rest) < minimum_units or below_minimum(rest_n, minimum_n):
            hidden.add(group.name)
    return hidden
