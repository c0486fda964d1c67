"""LimeSurvey relevance expressions that gehoord's conditions can express.

gehoord shows a question when the answer to one earlier question is, is not, is at most or
is at least a value. So only a single comparison converts: `Q1 == "A2"`, `Q1.NAOK != 'Y'`,
`((Q3 >= 6))`, `Q4_SQ002 == "Y"` (an option of a multiple-choice question is ticked).
Anything else (and/or, functions, several questions) is reported, never guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .question_types import QuestionType

_COMPARISON = re.compile(
    r"""^\s*(?P<var>[A-Za-z][A-Za-z0-9_]*)(?:\.(?:NAOK|value|code))?\s*
        (?P<op>==|!=|<>|>=|<=|>|<|\beq\b|\bne\b|\bge\b|\ble\b|\bgt\b|\blt\b)\s*
        (?P<value>"[^"]*"|'[^']*'|-?\d+)\s*$""",
    re.VERBOSE,
)
_WORD_OPERATORS = {"eq": "==", "ne": "!=", "ge": ">=", "le": "<=", "gt": ">", "lt": "<", "<>": "!="}


@dataclass
class Converted:
    condition: dict | None = None
    reason: str = ""


def _strip_parentheses(expression: str) -> str:
    expression = expression.strip()
    while expression.startswith("(") and expression.endswith(")"):
        inner, depth = expression[1:-1], 0
        for char in inner:
            depth += {"(": 1, ")": -1}.get(char, 0)
            if depth < 0:
                return expression
        if depth:
            return expression
        expression = inner.strip()
    return expression


def _not_converted(expression: str) -> Converted:
    return Converted(
        reason=_(
            "The condition “%(expr)s” was not imported: gehoord can only compare the answer "
            "to one earlier question with one value. The question is always shown; set the "
            "condition again in the builder."
        )
        % {"expr": expression}
    )


def convert_relevance(expression: str, variables: dict[str, dict]) -> Converted:
    """`expression` as a gehoord condition on one of `variables` (LimeSurvey code → item)."""
    match = _COMPARISON.match(_strip_parentheses(expression))
    if not match:
        return _not_converted(expression)
    name, op, raw = match["var"], match["op"], match["value"]
    op = _WORD_OPERATORS.get(op, op)
    value = raw[1:-1] if raw[0] in "\"'" else raw
    source = variables.get(name)
    choice_option = None
    if source is None and "_" in name:
        # Q4_SQ002: an option of a multiple-choice question; "Y" means ticked.
        parent, option = name.rsplit("_", 1)
        candidate = variables.get(parent)
        if candidate and candidate["type"] == QuestionType.MULTIPLE_CHOICE:
            source, choice_option = candidate, option
            name = parent
    if source is None:
        return _not_converted(expression)
    kind = source["type"]
    if choice_option is not None:
        if op not in ("==", "!=") or value not in ("Y", ""):
            return _not_converted(expression)
        ticked = (op == "==") == (value == "Y")
        operator = "equals" if ticked else "not_equals"
        return Converted({"item": name, "operator": operator, "value": choice_option})
    if kind == QuestionType.YES_NO:
        if op not in ("==", "!=") or value not in ("Y", "N"):
            return _not_converted(expression)
        operator = "equals" if op == "==" else "not_equals"
        return Converted(
            {"item": name, "operator": operator, "value": "1" if value == "Y" else "0"}
        )
    if kind in (QuestionType.SINGLE_CHOICE, QuestionType.MULTIPLE_CHOICE):
        if op not in ("==", "!=") or value not in {o["value"] for o in source["options"]}:
            return _not_converted(expression)
        operator = "equals" if op == "==" else "not_equals"
        return Converted({"item": name, "operator": operator, "value": value})
    if kind in (QuestionType.GRADE, QuestionType.NUMBER) and re.fullmatch(r"-?\d+", value):
        number = int(value)
        if op in ("==", "!="):
            operator = "equals" if op == "==" else "not_equals"
        elif op in (">=", ">"):
            operator, number = "at_least", number + (op == ">")
        else:
            operator, number = "at_most", number - (op == "<")
        return Converted({"item": name, "operator": operator, "value": str(number)})
    return _not_converted(expression)
