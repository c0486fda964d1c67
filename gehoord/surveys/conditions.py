"""Which questions a resident sees, given the answers so far."""

from collections.abc import Iterable
from typing import Any

from gehoord.framework.models import ConditionOperator, VersionItem

NOT_APPLICABLE = "na"


def _number(value: Any) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def condition_met(item: VersionItem, answer: Any) -> bool:
    """Whether `answer` (to item.condition_item) makes `item` visible."""
    if answer in (None, "", [], NOT_APPLICABLE):
        return False
    target, operator = item.condition_value, item.condition_operator
    if isinstance(answer, list):
        contains = target in answer
        return (
            contains
            if operator == ConditionOperator.EQUALS
            else (not contains if operator == ConditionOperator.NOT_EQUALS else False)
        )
    if operator == ConditionOperator.EQUALS:
        return str(answer) == target
    if operator == ConditionOperator.NOT_EQUALS:
        return str(answer) != target
    left, right = _number(answer), _number(target)
    if left is None or right is None:
        return False
    return left <= right if operator == ConditionOperator.AT_MOST else left >= right


def visible_items(items: Iterable[VersionItem], answers: dict[str, Any]) -> list[VersionItem]:
    """Items in order, without those whose condition is not met.

    An item that depends on a hidden item is hidden too, so a chain of conditions never
    shows a question about an answer that no longer counts.
    """
    visible: list[VersionItem] = []
    shown: set[int] = set()
    for item in items:
        if item.condition_item_id:
            if item.condition_item_id not in shown:
                continue
            if not condition_met(item, answers.get(str(item.condition_item_id))):
                continue
        visible.append(item)
        shown.add(item.pk)
    return visible


def pages_with_questions(items: Iterable[VersionItem], answers: dict[str, Any]) -> list[int]:
    return sorted({item.page for item in visible_items(items, answers)})
