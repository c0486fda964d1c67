"""The responses export: one pseudonymous row per response, run as a background job."""

import csv
import io
from collections import Counter, defaultdict

import pyreadstat
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from gehoord.insights import service
from gehoord.insights.exports import responses
from gehoord.insights.exports.hierarchies import QUASI_IDENTIFIERS
from gehoord.insights.metrics import Filters
from gehoord.insights.models import ExportJob, ExportStatus
from gehoord.insights.periods import rolling_window
from gehoord.surveys.models import Answer, Response

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
    assert list(rows[0])[:12] == ["respons_id", *QI_COLUMNS]
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
    # The twelve days before the frozen moment: the day is generalised to their month, or
    # to a coarser step when they straddle two months (k = 5, see below).
    months = {
        timezone.localtime(r.submitted_at).strftime("%Y-%m")
        for r in Response.objects.filter(organisation=org_a)
    }
    dates = {row["datum"] for row in rows}
    assert dates == months if len(months) == 1 else len(dates) == 1
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
    # Per batch one query for the next responses (keyset) and one for their answers.
    assert len(queries) <= 2 * 3


def test_a_broken_export_fails_with_a_message_not_an_error(
    org_a, small_survey, immediate_huey, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(responses, "responses_table", broken)
    job = export(org_a, "csv", django_capture_on_commit_callbacks)
    assert job.status == ExportStatus.FAILED and job.error and "disk" not in job.error
    assert ExportJob.objects.get(pk=job.pk).finished_at is not None


def test_open_answers_leave_masked(
    org_a, small_survey, immediate_huey, django_capture_on_commit_callbacks
):
    texts = {
        2: "Bel me op 06-12345678 of 020 123 4567.",
        3: "Mail naar jan.jansen@example.org graag",
        4: "Mijn BSN is 111222333, zaaknummer 2024-0042.",
    }
    for visits, text in texts.items():
        response = Answer.objects.filter(question__code="bezoeken", value_number=visits)
        Answer.objects.filter(
            question__code="core_improve", response_id__in=response.values("response_id")
        ).update(value_text=text)
    job = export(org_a, "csv", django_capture_on_commit_callbacks)
    by_visits = {row["bezoeken"]: row["core_improve"] for row in read_csv(job)}
    assert by_visits["2"] == "Bel me op [telefoonnummer] of [telefoonnummer]."
    assert by_visits["3"] == "Mail naar [e-mail] graag"
    assert by_visits["4"] == "Mijn BSN is [BSN], zaaknummer 2024-0042."
    assert by_visits["5"] == "Sneller antwoord 5"
    assert job.privacy_report["masked_answers"] == 3
    for format in ("xlsx", "sav"):
        content = bytes(export(org_a, format, django_capture_on_commit_callbacks).content)
        assert b"06-12345678" not in content and b"111222333" not in content
        assert b"example.org" not in content


def original_segments(organisation) -> dict[str, tuple]:
    """Every response's quasi-identifiers as stored, by the id the file shows."""
    rows = Response.objects.filter(organisation=organisation).values_list("id", *QUASI_IDENTIFIERS)
    result = {}
    for response_id, *values in rows:
        segment = dict(zip(QUASI_IDENTIFIERS, values, strict=True))
        segment["submitted_at"] = timezone.localtime(segment["submitted_at"]).date()
        result[str(response_id)] = tuple(segment.values())
    return result


def test_an_organisations_export_is_k_anonymous_and_its_blanks_name_no_segment(
    demo_org, immediate_huey, django_capture_on_commit_callbacks
):
    k = demo_org.minimum_n
    job = export(demo_org, "csv", django_capture_on_commit_callbacks)
    assert job.status == ExportStatus.DONE, job.error
    rows = read_csv(job)
    report = job.privacy_report
    assert len(rows) == report["rows_exported"] > 100
    # Every combination of quasi-identifiers in the file occurs at least k times.
    groups = defaultdict(list)
    for row in rows:
        groups[tuple(row[c] for c in QI_COLUMNS)].append(row["respons_id"])
    assert min(len(ids) for ids in groups.values()) >= k == report["k"]
    assert report["achieved_k"] == min(len(ids) for ids in groups.values())
    # A blank or coarser value never points back to one rare segment: every group of the
    # file either holds responses of several original segments, or of one segment that
    # has at least k responses itself (so it was not rare).
    segments = original_segments(demo_org)
    in_selection = Counter(segments[row["respons_id"]] for row in rows)
    for key, ids in groups.items():
        originals = {segments[i] for i in ids}
        assert len(originals) > 1 or in_selection[originals.pop()] >= k, key
    # Rows whose quasi-identifiers are all blank are the suppressed ones, and there are
    # none or at least k of them.
    blank = [ids for key, ids in groups.items() if not any(key)]
    assert sum(map(len, blank)) in (0, *range(k, len(rows) + 1))
    assert report["suppressed_rows"] - report["removed_rows"] == sum(map(len, blank))
    # The report says which columns were made coarser, on the job page too.
    assert report["generalised"]["submitted_at"] in ("month", "quarter", "year", "left_out")
