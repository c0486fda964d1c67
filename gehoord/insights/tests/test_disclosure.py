"""The rules of disclosure control on their own (no database)."""

import pytest

from gehoord.insights import disclosure
from gehoord.insights.disclosure import Group


def test_one_hidden_part_takes_the_smallest_shown_part_with_it():
    primary, secondary = disclosure.complementary({"a": 60, "b": 40, "c": 25, "d": 4}, 10)
    assert primary == {"d"} and secondary == {"c"}


def test_hidden_parts_together_below_the_minimum_take_another_part_with_them():
    primary, secondary = disclosure.complementary({"a": 50, "b": 30, "c": 3, "d": 4}, 10)
    # c and d together are 7 answers: their pooled figure would be a figure below 10.
    assert primary == {"c", "d"} and secondary == {"b"}


def test_nothing_hidden_or_enough_hidden_needs_nothing_more():
    assert disclosure.complementary({"a": 50, "b": 30}, 10) == (set(), set())
    assert disclosure.complementary({"a": 50, "b": 6, "c": 7}, 10) == ({"b", "c"}, set())


def test_two_parts_with_one_hidden_hide_both():
    assert disclosure.complementary({"a": 50, "b": 4}, 10) == ({"b"}, {"a"})


def test_ties_are_broken_by_key_whatever_the_order():
    cells = {"z": 20, "y": 20, "x": 4}
    assert disclosure.complementary(cells, 10) == ({"x"}, {"y"})
    assert disclosure.complementary(dict(reversed(cells.items())), 10) == ({"x"}, {"y"})


def test_comparator_rule():
    assert disclosure.comparator_rule(5, 10) == disclosure.ComparatorRule(False, False)
    assert disclosure.comparator_rule(50, 10, units=1) == disclosure.ComparatorRule(True, False)
    assert disclosure.comparator_rule(50, 10, units=2) == disclosure.ComparatorRule(True, True)
    assert disclosure.comparator_rule(50, 10) == disclosure.ComparatorRule(True, True)


def test_rest_may_be_shown_needs_two_units_and_the_minimum():
    assert not disclosure.rest_may_be_shown(50, 1, 10)
    assert not disclosure.rest_may_be_shown(9, 3, 10)
    assert disclosure.rest_may_be_shown(10, 2, 10)


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [("mean", 7.26, 7.3), ("share", 49.6, 50.0), ("mean", None, None)],
)
def test_rounded_to_the_digits_of_the_screen(kind, value, expected):
    assert disclosure.rounded(kind, value) == expected


def _group(name, sizes, named=False):
    return Group(name, frozenset(sizes), sum(sizes.values()), sizes, named=named)


def test_a_pool_minus_a_shown_pool_inside_it_must_leave_three_organisations():
    size_class = _group("size_class", {1: 50, 2: 50, 3: 50})
    everyone = _group("everyone", {1: 50, 2: 50, 3: 50, 4: 80, 5: 90})
    assert disclosure.complement_hidden([size_class, everyone], 10) == {"everyone"}
    everyone = _group("everyone", {1: 50, 2: 50, 3: 50, 4: 80, 5: 90, 6: 5})
    assert disclosure.complement_hidden([size_class, everyone], 10) == set()


def test_a_named_organisation_counts_as_shown_inside_a_pool():
    size_class = _group("size_class", {1: 50, 2: 50, 3: 50})
    named = _group("named:1", {1: 50}, named=True)
    assert disclosure.complement_hidden([size_class, named], 10) == {"size_class"}


def test_a_remainder_below_the_minimum_n_hides_the_pool():
    size_class = _group("size_class", {1: 50, 2: 50, 3: 50})
    everyone = _group("everyone", {1: 50, 2: 50, 3: 50, 4: 3, 5: 3, 6: 3})
    assert disclosure.complement_hidden([size_class, everyone], 10) == {"everyone"}


def test_a_hidden_small_pool_does_not_count_as_shown():
    size_class = _group("size_class", {1: 50, 2: 50})  # two organisations: hidden
    everyone = _group("everyone", {1: 50, 2: 50, 3: 80})
    assert disclosure.complement_hidden([size_class, everyone], 10) == {"size_class"}
