"""Tables as files: CSV for Dutch Excel, XLSX and SPSS `.sav` with labels.

CSV: Excel with Dutch regional settings expects the list separator `;` (the comma is the
decimal separator) and only recognises UTF-8 when the file starts with a byte-order mark;
without these, a double-click shows one column and mangles "ë". Numbers are therefore
written with a decimal comma as well, just as Dutch Excel writes CSV itself.

Open answers are typed by residents, so a text that starts like a formula (`=`, `+`, `-`,
`@`) could run as one when the file is opened in a spreadsheet: CSV cells get a leading
apostrophe, and Excel cells are stored as text, never as formulas.
"""

import csv
import io
import math
import os
import re
import tempfile
import textwrap
from datetime import date

from . import privacy_report
from .tables import Column, Kind, Table

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Control characters that XML (and so XLSX) cannot hold.
ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
EXCEL_MAX_ROWS = 1_048_576
SPSS_RESERVED = {"ALL", "AND", "BY", "EQ", "GE", "GT", "LE", "LT", "NE", "NOT", "OR", "TO", "WITH"}


def _is_missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _csv_cell(value, kind: str) -> str:
    if _is_missing(value):
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value).replace(".", ",") if value != int(value) else str(int(value))
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if text.startswith(FORMULA_START):
        text = "'" + text
    return text


def write_csv(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    kinds = [c.kind for c in table.columns]
    for row in table.rows:
        writer.writerow([_csv_cell(v, k) for v, k in zip(row, kinds, strict=True)])
    return buffer.getvalue().encode("utf-8-sig")


def _value_labels_text(column: Column) -> str:
    return "; ".join(f"{_plain(k)} = {v}" for k, v in column.value_labels.items())


def _plain(value) -> str:
    if isinstance(value, float) and value == int(value):
        return str(int(value))
    return str(value)


def write_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    # Write-only mode streams rows to disk, so a large export does not hold every cell.
    book = Workbook(write_only=True)
    sheet = book.create_sheet(table.sheet_title[:31])
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)

    def cell(value, bold_font=False):
        if isinstance(value, str):
            value = ILLEGAL_XML.sub("", value)
        result = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            result.data_type = "s"  # never a formula, whatever the text starts with
        if bold_font:
            result.font = bold
        return result

    sheet.append([cell(c.name, True) for c in table.columns])
    for row in table.rows:
        sheet.append([cell(None if _is_missing(v) else v) for v in row])
    codebook = book.create_sheet("Variabelen")
    codebook.freeze_panes = "A2"
    codebook.append([cell(h, True) for h in ("variabele", "omschrijving", "waarden")])
    for column in table.columns:
        codebook.append([cell(column.name), cell(column.label), cell(_value_labels_text(column))])
    if table.report is not None:  # the rows are written, so the report is complete
        sheet_of_report = book.create_sheet("Privacy")
        for line in privacy_report.lines(table.report):
            sheet_of_report.append([cell(line)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def spss_names(columns: list[Column]) -> list[str]:
    """Valid, unique SPSS variable names: a letter first, then letters, digits, _ . @ # $."""
    names, seen = [], set()
    for column in columns:
        name = re.sub(r"[^A-Za-z0-9_.@#$]", "_", column.name)
        if not name or not name[0].isalpha():
            name = "v_" + name
        if name.upper() in SPSS_RESERVED:
            name += "_"
        name = name[:60].rstrip(".")
        base, suffix = name, 2
        while name.lower() in seen:
            name, suffix = f"{base}_{suffix}", suffix + 1
        seen.add(name.lower())
        names.append(name)
    return names


def _spss_document(report: dict) -> list[str]:
    """The report as SPSS document lines, which hold at most 80 characters each."""
    return [
        part for line in privacy_report.lines(report) for part in textwrap.wrap(line, 80) or [""]
    ]


def write_sav(table: Table) -> bytes:
    """SPSS with variable labels (question text) and value labels (scales, channels).

    pyreadstat writes a whole data frame to a path, so the table is held in memory once
    and written to a temporary file that is read back and removed.
    """
    import pandas as pd
    import pyreadstat

    names = spss_names(table.columns)
    data: dict[str, list] = {name: [] for name in names}
    for row in table.rows:
        for name, column, value in zip(names, table.columns, row, strict=True):
            if column.kind == Kind.NUMBER:
                data[name].append(math.nan if _is_missing(value) else float(value))
            elif column.kind == Kind.DATE:
                data[name].append(value)
            else:
                data[name].append("" if _is_missing(value) else str(value))
    frame = pd.DataFrame(data, columns=names)
    for name, column in zip(names, table.columns, strict=True):
        if column.kind == Kind.NUMBER:
            frame[name] = frame[name].astype("float64")
    labels = {name: c.label[:256] for name, c in zip(names, table.columns, strict=True)}
    value_labels = {}
    for name, column in zip(names, table.columns, strict=True):
        # pyreadstat takes an empty column for a numeric one; text labels would not fit it.
        if column.value_labels and (len(frame) or column.kind == Kind.NUMBER):
            convert = float if column.kind == Kind.NUMBER else str
            value_labels[name] = {convert(k): str(v)[:120] for k, v in column.value_labels.items()}
    measures = {name: c.measure for name, c in zip(names, table.columns, strict=True)}
    handle, path = tempfile.mkstemp(suffix=".sav")
    os.close(handle)
    try:
        pyreadstat.write_sav(
            frame,
            path,
            column_labels=labels,
            variable_value_labels=value_labels,
            variable_measure=measures,
            note=_spss_document(table.report) if table.report is not None else None,
        )
        with open(path, "rb") as written:
            return written.read()
    finally:
        os.remove(path)


WRITERS = {"csv": write_csv, "xlsx": write_xlsx, "sav": write_sav}
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "sav": "application/x-spss-sav",
    "pdf": "application/pdf",
}
