"""Each writer on a small table: the file opens and holds the same values and labels."""

import csv
import io
from datetime import date

import pyreadstat
from openpyxl import load_workbook

from gehoord.insights.exports import writers
from gehoord.insights.exports.tables import Column, Kind, Table

COLUMNS = [
    Column("respons_id", "Respons"),
    Column("datum", "Datum", Kind.DATE),
    Column(
        "core-effort",
        "Het kostte mij weinig moeite",
        Kind.NUMBER,
        {5: "Helemaal mee eens", 1: "Helemaal niet mee eens"},
        "ordinal",
    ),
    Column("1ste", "Begint met een cijfer", Kind.NUMBER),
    Column("kanaal", "Kanaal", value_labels={"web": "Web", "phone": "Telefoon"}),
    Column("opmerking", "Wat kan er beter?"),
]
ROWS = [
    ["a", date(2026, 1, 5), 5, 2.5, "web", "=1+1"],
    ["b", date(2026, 1, 6), None, None, "phone", "Ëén\x01 ding"],
]


def table():
    return Table(COLUMNS, iter([list(r) for r in ROWS]))


def test_csv_is_semicolon_separated_utf8_with_bom_and_decimal_comma():
    raw = writers.write_csv(table())
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["respons_id", "datum", "core-effort", "1ste", "kanaal", "opmerking"]
    assert rows[1] == ["a", "2026-01-05", "5", "2,5", "web", "'=1+1"]
    assert rows[2][:5] == ["b", "2026-01-06", "", "", "phone"]
    assert rows[2][5].startswith("Ëén")


def test_xlsx_has_a_bold_frozen_header_text_never_as_formula_and_a_codebook():
    book = load_workbook(io.BytesIO(writers.write_xlsx(table())))
    sheet = book["Gegevens"]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1])
    assert [c.value for c in sheet[2]][2:] == [5, 2.5, "web", "=1+1"]
    assert sheet["F2"].data_type == "s"
    assert sheet["C3"].value is None and sheet["F3"].value == "Ëén ding"
    codebook = {
        row[0]: row[1:] for row in book["Variabelen"].iter_rows(min_row=2, values_only=True)
    }
    assert codebook["core-effort"] == (
        "Het kostte mij weinig moeite",
        "5 = Helemaal mee eens; 1 = Helemaal niet mee eens",
    )


def test_sav_has_valid_names_variable_labels_and_value_labels(tmp_path):
    path = tmp_path / "export.sav"
    path.write_bytes(writers.write_sav(table()))
    frame, meta = pyreadstat.read_sav(str(path))
    assert meta.column_names == [
        "respons_id",
        "datum",
        "core_effort",
        "v_1ste",
        "kanaal",
        "opmerking",
    ]
    assert meta.column_names_to_labels["core_effort"] == "Het kostte mij weinig moeite"
    assert meta.variable_value_labels["core_effort"] == {
        5.0: "Helemaal mee eens",
        1.0: "Helemaal niet mee eens",
    }
    assert meta.variable_value_labels["kanaal"] == {"web": "Web", "phone": "Telefoon"}
    assert meta.variable_measure["core_effort"] == "ordinal"
    assert frame["core_effort"].tolist()[0] == 5 and frame["core_effort"].isna().tolist()[1]
    assert frame["v_1ste"].tolist()[0] == 2.5
    assert frame["datum"].tolist()[0] == date(2026, 1, 5)


def test_spss_names_are_unique_and_avoid_reserved_words():
    names = writers.spss_names(
        [Column("a-b", ""), Column("a_b", ""), Column("all", ""), Column("", "")]
    )
    assert names == ["a_b", "a_b_2", "all_", "v_"]
