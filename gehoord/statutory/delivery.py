"""The delivery file for the national monitor (Gemeentelijke Monitor Sociaal Domein).

The layout is defined once, in `COLUMNS` and `DIALECT`: when VNG changes it, change it
here (and the README's description). One row per statutory indicator. A figure below the
organisation's minimum n is delivered without percentage and n, and marked suppressed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass

from .figures import IndicatorRow, YearFigures


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    value: Callable[[YearFigures, IndicatorRow], str]


def _decimal(value: float | None) -> str:
    """One decimal, with a decimal comma (the file opens correctly in Dutch spreadsheets)."""
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def _shown(row: IndicatorRow, text: str) -> str:
    return "" if row.figure.suppressed else text


COLUMNS: tuple[Column, ...] = (
    Column("jaar", "survey year", lambda f, r: str(f.plan.year)),
    Column("wet", "wmo or jeugdwet", lambda f, r: f.plan.law),
    Column("organisatie", "the organisation's short name", lambda f, r: f.plan.organisation.slug),
    Column("indicator", "the item's code in the question bank", lambda f, r: r.question.code),
    Column("vraag", "the item's Dutch wording", lambda f, r: r.question.text_nl),
    Column(
        "percentage_eens",
        "% (helemaal) mee eens (yes for yes/no items) of valid answers",
        lambda f, r: _shown(r, _decimal(r.figure.value)),
    ),
    Column(
        "n", "valid answers (weet niet / n.v.t. excluded)", lambda f, r: _shown(r, str(r.figure.n))
    ),
    Column(
        "respons_percentage", "responses / invited × 100", lambda f, r: _decimal(f.rate.percent)
    ),
    Column(
        "onderdrukt",
        "ja when fewer valid answers than the organisation's minimum n, else nee",
        lambda f, r: "ja" if r.figure.suppressed else "nee",
    ),
)


class DIALECT(csv.Dialect):
    delimiter = ";"
    quotechar = '"'
    doublequote = True
    lineterminator = "\r\n"
    quoting = csv.QUOTE_MINIMAL
    skipinitialspace = False


ENCODING = "utf-8"


def layout_text() -> str:
    """The layout in words, for the screen and the README."""
    lines = [f"{c.name}: {c.meaning}" for c in COLUMNS]
    return "\n".join(lines)


def delivery_csv(figures: YearFigures) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, dialect=DIALECT)
    writer.writerow([c.name for c in COLUMNS])
    for row in figures.rows:
        writer.writerow([c.value(figures, row) for c in COLUMNS])
    return out.getvalue().encode(ENCODING)


def filename(figures: YearFigures) -> str:
    plan = figures.plan
    return f"levering-{plan.law}-{plan.year}-{plan.organisation.slug}.csv"
