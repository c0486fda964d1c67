"""The provider comparison as a table to sort: one row per provider, one column per question.

Sorting happens on the server (the column headers are plain links), on the rows the
comparison already computed. A hidden figure ("te weinig reacties", "niet getoond
(privacy)") sorts as an empty cell: always last, in either direction, so its place in the
order never tells anything about its value. Shown figures sort on the value as the screen
rounds it, so the order never tells more digits than the screen shows."""

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext

from . import disclosure
from .benchmarks import ProviderComparison, ProviderResult
from .figures import Figure
from .metrics import QuestionFigure

SORT_PARAMETER = "sorteer"
DIRECTION_PARAMETER = "richting"
ASCENDING, DESCENDING = "op", "af"
NAME_COLUMN = "naam"


@dataclass
class Column:
    key: str
    label: str
    question: QuestionFigure | None  # None for the provider's name
    url: str  # the link that sorts on this column (the other direction when sorted on it)
    aria_sort: str  # "ascending", "descending" or "" (not sorted on this column)


@dataclass
class Cell:
    figure: Figure | None  # None when the provider has no answers to the question
    verdict: str  # the cell's verdict (stats.Verdict value) or ""


@dataclass
class Row:
    provider: ProviderResult
    cells: list[Cell]


@dataclass
class ProviderTable:
    columns: list[Column]  # the name first, then one per question
    rows: list[Row]
    sorted_on: str
    direction: str


def _column_keys(questions: list[QuestionFigure]) -> dict[str, QuestionFigure]:
    """A key per question for the URL: its code, or the code and id when codes repeat."""
    codes = [q.code for q in questions]
    return {
        (q.code if codes.count(q.code) == 1 else f"{q.code}-{q.question_id}"): q for q in questions
    }


def _main(provider: ProviderResult, question_id: int) -> Figure | None:
    own = provider.figures.get(question_id)
    return own.main if own is not None else None


def _sort_value(figure: Figure | None) -> float | None:
    """The value a cell sorts on, or None for an empty or hidden cell."""
    if figure is None or not figure.shown or figure.value is None:
        return None
    return disclosure.rounded(figure.kind, figure.value)


def sorted_providers(
    providers: list[ProviderResult], question_id: int | None, descending: bool
) -> list[ProviderResult]:
    """Providers by name, or by their figure on one question with empty and hidden
    figures last; ties (and every empty cell) in name order."""
    by_name = sorted(providers, key=lambda p: (p.name.casefold(), p.provider_id))
    if question_id is None:
        return list(reversed(by_name)) if descending else by_name
    with_value = [(p, _sort_value(_main(p, question_id))) for p in by_name]
    shown = [(p, v) for p, v in with_value if v is not None]
    # A stable sort (reverse=True too) keeps equal values in name order.
    shown.sort(key=lambda pair: pair[1] or 0.0, reverse=descending)
    empty = [p for p, v in with_value if v is None]
    return [p for p, _ in shown] + empty


def provider_table(
    comparison: ProviderComparison, query: QueryDict, path: str = ""
) -> ProviderTable:
    """The comparison as rows to show, sorted as `?sorteer=<column>&richting=op|af` asks;
    an unknown column or direction gives the default order (by name, A to Z)."""
    questions = _column_keys(comparison.questions)
    sort_on = query.get(SORT_PARAMETER, NAME_COLUMN)
    direction = query.get(DIRECTION_PARAMETER, ASCENDING)
    if sort_on != NAME_COLUMN and sort_on not in questions:
        sort_on, direction = NAME_COLUMN, ASCENDING
    if direction not in (ASCENDING, DESCENDING):
        direction = ASCENDING
    question = questions.get(sort_on)
    providers = sorted_providers(
        comparison.providers,
        question.question_id if question is not None else None,
        descending=direction == DESCENDING,
    )

    def column(key: str, label: str, q: QuestionFigure | None) -> Column:
        link = query.copy()
        link[SORT_PARAMETER] = key
        # A column sorts first with the highest figure on top; the name from A to Z.
        first = ASCENDING if q is None else DESCENDING
        if key == sort_on:
            link[DIRECTION_PARAMETER] = ASCENDING if direction == DESCENDING else DESCENDING
            aria = "ascending" if direction == ASCENDING else "descending"
        else:
            link[DIRECTION_PARAMETER] = first
            aria = ""
        return Column(key, label, q, f"{path}?{link.urlencode()}", aria)

    columns = [column(NAME_COLUMN, gettext("Provider"), None)]
    texts = [q.text for q in questions.values()]
    # Two questions may share a text (a core item and a set's item): name their set.
    columns += [
        column(key, f"{q.text} ({q.set_label})" if texts.count(q.text) > 1 else q.text, q)
        for key, q in questions.items()
    ]
    rows = []
    for provider in providers:
        cells = []
        for q in questions.values():
            figure = _main(provider, q.question_id)
            cells.append(Cell(figure, str(figure.verdict) if figure is not None else ""))
        rows.append(Row(provider, cells))
    return ProviderTable(columns, rows, sort_on, direction)
