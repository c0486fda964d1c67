"""The figures export on the demo organisation: the screen's figures, suppressed alike."""

import csv
import io

import pyreadstat
import pytest
from openpyxl import load_workbook

from gehoord.catalog.models import Service
from gehoord.insights import metrics, periods, service
from gehoord.insights.models import ExportStatus

pytestmark = pytest.mark.django_db


def export(org, format, capture, **filters):
    with capture(execute=True):
        job = service.request_export(org, None, "figures", format, {"period": "venster", **filters})
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE, job.error
    return bytes(job.content)


def csv_rows(content):
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def as_number(text):
    return float(text.replace(",", ".")) if text else None


def test_figures_in_every_format_equal_the_screen_and_suppression_never_leaks(
    demo_org, immediate_huey, django_capture_on_commit_callbacks, tmp_path
):
    capture = django_capture_on_commit_callbacks
    wmo = (
        Service.objects.filter(organisation=demo_org, providers__isnull=False)
        .distinct()
        .order_by("pk")
        .first()
    )
    window = periods.rolling_window()
    expected = {
        f.code: f
        for f in metrics.question_figures(demo_org, window, metrics.Filters(service_id=wmo.pk))
    }

    rows = csv_rows(export(demo_org, "csv", capture, service_id=wmo.pk))
    organisation_rows = [r for r in rows if r["niveau"] == rows[0]["niveau"]]
    assert {r["code"] for r in organisation_rows} == set(expected)
    for row in organisation_rows:
        figure = expected[row["code"]].main
        assert int(row["n"]) == figure.n
        # The digits of the screen, no more: a file cannot be more exact than the screen.
        digits = 0 if figure.kind == "share" else 1
        assert as_number(row["waarde"]) == round(figure.value, digits)
        assert as_number(row["ci_laag"]) == round(figure.ci_low, digits)
        assert row["onderdrukt"] == "nee"
    provider_rows = [r for r in rows if r not in organisation_rows]
    assert len({r["niveau"] for r in provider_rows}) >= 3  # the area and its providers

    # Raise the minimum above every provider's n: their figures keep nothing, not even n.
    # (A provider already hidden, below the minimum or beside one, shows no n.)
    largest = max(int(r["n"]) for r in provider_rows if r["vergeleken_met"] and r["n"])
    demo_org.minimum_n = largest + 1
    demo_org.save()
    content = export(demo_org, "csv", capture, service_id=wmo.pk)
    suppressed = [r for r in csv_rows(content) if r["onderdrukt"] == "ja"]
    assert suppressed
    for row in suppressed:
        assert row["n"] == ""
        assert row["waarde"] == row["ci_laag"] == row["ci_hoog"] == row["pct_eens"] == ""
        assert row["nvt"] == row["oordeel"] == ""

    book = load_workbook(io.BytesIO(export(demo_org, "xlsx", capture, service_id=wmo.pk)))
    sheet = book["Cijfers"]
    header = [c.value for c in sheet[1]]
    xlsx_suppressed = [
        dict(zip(header, row, strict=True))
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if row[header.index("onderdrukt")] == "ja"
    ]
    assert len(xlsx_suppressed) == len(suppressed)
    assert all(
        r["n"] is None and r["waarde"] is None and r["ci_laag"] is None and r["pct_eens"] is None
        for r in xlsx_suppressed
    )

    path = tmp_path / "cijfers.sav"
    path.write_bytes(export(demo_org, "sav", capture, service_id=wmo.pk))
    frame, meta = pyreadstat.read_sav(str(path))
    hidden = frame[frame["onderdrukt"] == "ja"]
    assert len(hidden) == len(suppressed)
    assert hidden[["waarde", "ci_laag", "ci_hoog", "pct_eens", "nvt"]].isna().all().all()
    assert hidden["n"].isna().all()
    assert meta.column_names_to_labels["waarde"]
    assert meta.variable_value_labels["type"]["agreement"]


def test_a_selection_without_responses_fails_with_a_reason(
    org_a, immediate_huey, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = service.request_export(org_a, None, "figures", "sav", {"period": "2020-01"})
    job.refresh_from_db()
    assert job.status == ExportStatus.FAILED and job.error and job.content is None
