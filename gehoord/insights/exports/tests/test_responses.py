"""The responses export: one pseudonymous row per response, run as a background job."""

import csv
import io
from collections import Counter

import pyreadstat
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from gehoord.insights import service
from gehoord.insights.exports import responses
from gehoord.insights.metrics import Filters
from gehoord.insights.models import ExportJob, ExportStatus
from gehoord.insights.periods import rolling_window

pytestmark = pytest.mark.django_db

QI_COLUMNS = (
    "vragenlijst",
    "versie",
    "datum",
    "kanaal",
    "taal",
    "dienst",
    "aanbieder",
    "team",
    "wijk",
    "leeftijdsgroep",
    "uitnodigingskanaal",
)


def export(org, format, django_capture_on_commit_callbacks, **filters):
    with django_capture_on_commit_callbacks(execute=True):
        job = service.request_export(
            org, None, "responses", format, {"period": "venster", **filters}
        )
    job.refresh_from_db()
    return job


def read_csv(job):
    return list(csv.DictReader(io.StringIO(bytes(job.content).decode("utf-8-sig")), delimiter=";"))


def test_csv_holds_one_pseudonymous_row_per_response(
    org_a, small_survey, immediate_huey, django_capture_on_commit_callbacks
):
    job = export(org_a, "csv", django_capture_on_commit_callbacks)
    assert job.status == ExportStatus.DONE, job.error
    assert job.filename.endswith(".csv") and job.done == job.total == 12
    rows = read_csv(job)
    assert len(rows) == 12
    assert list(rows[0])[:12] == [
        "respons_id",
        "vragenlijst",
        "versie",
        "datum",
        "kanaal",
        "taal",
        "dienst",
        "aanbieder",
        "team",
        "wijk",
        "leeftijdsgroep",
        "uitnodigingskanaal",
    ]
    # The question columns are the bank codes, in questionnaire order.
    # A code equal to an attribute's name ("kanaal", "datum") gets a prefix.
    assert list(rows[0])[12:] == [
        "core_grade",
        "core_effort",
        "vraag_kanaal",
        "onderwerpen",
        "core_follow_up",
        "core_improve",
        "bezoeken",
        "vraag_datum",
    ]
    by_visits = {row["bezoeken"]: row for row in rows}
    first = by_visits["0"]
    assert first["core_grade"] == "5" and first["core_effort"] == ""  # n.v.t. is missing
    assert by_visits["3"]["core_effort"] == "4"
    assert first["onderwerpen"] == "geld; werk" and first["core_follow_up"] == "0"
    assert first["vraag_kanaal"] == "balie" and first["vraag_datum"] == "2026-01-05"
    assert by_visits["1"]["core_improve"].startswith("'=")  # never a formula in Excel
    # All within one month: the day is generalised to that month (k = 5, see below).
    assert {row["datum"] for row in rows} == {"2026-11"}
    assert first["respons_id"].count("-") == 4  # the random id, nothing else
    assert [row["bezoeken"] for row in rows] == [str(i) for i in range(11, -1, -1)]  # by day
    # Rule 2: the one response from Zuid, with team KCC and no provider, cannot be told
    # apart: every combination of the quasi-identifiers occurs at least five times.
    combinations = Counter(tuple(row[c] for c in QI_COLUMNS) for row in rows)
    assert min(combinations.values()) >= 5
    assert "Zuid" not in {row["wijk"] for row in rows}
    assert "KCC" not in {row["team"] for row in rows}
    assert job.privacy_report["achieved_k"] >= 5 and job.privacy_report["rows_exported"] == 12


def test_xlsx_and_sav_hold_the_same_rows_with_labels(
    org_a, small_survey, immediate_huey, django_capture_on_commit_callbacks, tmp_path
):
    job = export(org_a, "xlsx", django_capture_on_commit_callbacks)
    sheet = load_workbook(io.BytesIO(bytes(job.content)))["Gegevens"]
    header = [c.value for c in sheet[1]]
    assert sheet.max_row == 13 and header[0] == "respons_id"
    grades = sorted(
        row[header.index("core_grade")] for row in sheet.iter_rows(min_row=2, values_only=True)
    )
    assert grades == sorted(5 + i % 5 for i in range(12))

    job = export(org_a, "sav", django_capture_on_commit_callbacks)
    assert job.status == ExportStatus.DONE, job.error
    path = tmp_path / job.filename
    path.write_bytes(bytes(job.content))
    frame, meta = pyreadstat.read_sav(str(path))
    assert len(frame) == 12
    assert meta.column_names_to_labels["core_effort"].startswith("Het kostte mij weinig moeite")
    assert meta.variable_value_labels["core_effort"][5.0] == "Helemaal mee eens"
    assert meta.variable_value_labels["core_effort"][1.0] == "Helemaal niet mee eens"
    assert meta.variable_value_labels["core_follow_up"] == {0.0: "Nee", 1.0: "Ja"}
    assert meta.variable_value_labels["kanaal"]["web"] in ("Web", "Internet")
    assert meta.variable_value_labels["vraag_kanaal"]["balie"] == "Aan de balie"
    assert meta.readstat_variable_types["core_grade"] == "double"
    assert sorted(frame["core_grade"].tolist()) == grades
    assert frame["core_effort"].isna().sum() == 1


def test_a_selection_below_the_minimum_n_is_refused_with_a_reason(
    org_a, small_survey, immediate_huey, django_capture_on_commit_callbacks
):
    job = export(org_a, "csv", django_capture_on_commit_callbacks, team_id=small_survey.team.pk)
    assert job.status == ExportStatus.FAILED and job.content is None
    assert "1" in job.error and "5" in job.error
    # Just enough responses: the export is made.
    org_a.minimum_n = 11
    org_a.save()
    job = export(
        org_a, "csv", django_capture_on_commit_callbacks, provider_id=small_survey.provider.pk
    )
    assert job.status == ExportStatus.DONE and len(read_csv(job)) == 11


def test_another_organisations_filters_find_nothing(
    org_a, org_b, small_survey, immediate_huey, django_capture_on_commit_callbacks
):
    org_b.minimum_n = 0
    org_b.save()
    job = export(
        org_b, "csv", django_capture_on_commit_callbacks, service_id=small_survey.service.pk
    )
    assert job.status == ExportStatus.DONE and read_csv(job) == []


def test_progress_counts_up_per_batch_with_a_bounded_number_of_queries(
    org_a, small_survey, monkeypatch
):
    monkeypatch.setattr(responses, "BATCH_SIZE", 5)
    seen = []
    table = responses.responses_table(
        org_a, rolling_window(), Filters(), lambda done, total: seen.append((done, total))
    )
    with CaptureQueriesContext(connection) as queries:
        rows = list(table.rows)
    assert len(rows) == 12
    assert seen == [(0, 12), (5, 12), (10, 12), (12, 12)]
    # One streaming query for the responses, one per batch of answers.
    assert len(queries) <= 1 + 3 + 1


def test_a_broken_export_fails_with_a_message_not_an_error(
    org_a, small_survey, immediate_huey, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(responses, "responses_table", broken)
    job = export(org_a, "csv", django_capture_on_commit_callbacks)
    assert job.status == ExportStatus.FAILED and job.error and "disk" not in job.error
    assert ExportJob.objects.get(pk=job.pk).finished_at is not None
