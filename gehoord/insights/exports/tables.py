"""The shape every export has before it becomes a file: named columns and rows.

Responses and figures both become a `Table`, and one writer per format turns a table into
bytes, so CSV, Excel and SPSS always hold the same columns and values.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field


class Kind:
    NUMBER = "number"
    TEXT = "text"
    DATE = "date"


@dataclass(frozen=True)
class Column:
    name: str  # variable name: a stable code, such as a bank question's code
    label: str  # what it means, for people: the question text (SPSS variable label)
    kind: str = Kind.TEXT
    # Labels of the codes this column holds, e.g. {5: "Helemaal mee eens", …}.
    value_labels: dict = field(default_factory=dict)
    # SPSS measurement level: "nominal", "ordinal" or "scale".
    measure: str = "nominal"


@dataclass
class Table:
    columns: list[Column]
    rows: Iterable[list]  # may be a generator: writers consume it once
    sheet_title: str = "Gegevens"
    # What was done to protect the respondents (responses export; see privacy_report),
    # complete once `rows` is consumed.
    report: dict | None = None


class ExportRefused(Exception):
    """The export may not or cannot be made; the message (Dutch) is shown to the user."""
