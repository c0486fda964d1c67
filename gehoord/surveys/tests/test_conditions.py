import pytest

from gehoord.framework.models import ConditionOperator, VersionItem
from gehoord.surveys.conditions import condition_met, visible_items


def item(pk, operator="", value="", condition=None, page=1):
    return VersionItem(
        pk=pk,
        condition_item_id=condition,
        condition_operator=operator,
        condition_value=value,
        page=page,
    )


@pytest.mark.parametrize(
    ("operator", "value", "answer", "expected"),
    [
        (ConditionOperator.EQUALS, "1", 1, True),
        (ConditionOperator.EQUALS, "1", 0, False),
        (ConditionOperator.NOT_EQUALS, "1", 0, True),
        (ConditionOperator.AT_MOST, "5", 5, True),
        (ConditionOperator.AT_MOST, "5", 6, False),
        (ConditionOperator.AT_LEAST, "7", 8, True),
        (ConditionOperator.AT_LEAST, "7", "abc", False),
        (ConditionOperator.EQUALS, "werk", ["geld", "werk"], True),
        (ConditionOperator.NOT_EQUALS, "werk", ["geld"], True),
        (ConditionOperator.EQUALS, "3", "na", False),
        (ConditionOperator.EQUALS, "3", None, False),
    ],
)
def test_condition_operators(operator, value, answer, expected):
    assert condition_met(item(2, operator, value, condition=1), answer) is expected


def test_chained_conditions_hide_dependants_of_hidden_items():
    first = item(1)
    second = item(2, ConditionOperator.EQUALS, "1", condition=1)
    third = item(3, ConditionOperator.EQUALS, "ja", condition=2)
    shown = visible_items([first, second, third], {"1": 0, "2": "ja"})
    assert [i.pk for i in shown] == [1]
    shown = visible_items([first, second, third], {"1": 1, "2": "ja"})
    assert [i.pk for i in shown] == [1, 2, 3]
