"""Item 6 of issue 22: a responses export with population margins carries the raking
weight as the variable `gewicht`, unless the file made a weighting group coarser (then
the weight would give the finer group back)."""

from datetime import timedelta

import pyreadstat
import pytest
from django.utils import timezone

from gehoord.insights import service
from gehoord.insights.exports import privacy_report
from gehoord.insights.models import ExportStatus
from gehoord.surveys.models import Response
from gehoord.surveys.tests.factories import build_questionnaire

from .conftest import answer
from .test_responses import read_csv

pytestmark = pytest.mark.django_db

MARGINS = {"age_band": {"18-34": 300, "65-79": 100}}


@pytest.fixture
def two_bands(org_a):
    """12 responses, 6 aged 18-34 and 6 aged 65-79, alike in everything else."""
    org_a.minimum_n = 5
    org_a.save()
    questionnaire = build_questionnaire(org_a)
    now = timezone.now()
    for i in range(12):
        response = Response.objects.create(
            organisation=org_a,
            questionnaire=questionnaire,
            version=questionnaire.version,
            service=questionnaire.service,
            age_band="18-34" if i % 2 else "65-79",
            district="Noord",
            channel="web",
            language="nl",
            submitted_at=now - timedelta(days=1 + i // 6),
        )
        answer(questionnaire, response, "grade", 6).save()
    return questionnaire


def export(org, format, capture, parameters):
    with capture(execute=True):
        job = service.request_export(
            org, None, "responses", format, {"period": "venster", **parameters}
        )
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE, job.error
    return job


def test_csv_and_sav_carry_the_weight(
    org_a, two_bands, immediate_huey, django_capture_on_commit_callbacks, tmp_path
):
    job = export(org_a, "csv", django_capture_on_commit_callbacks, {"margins": MARGINS})
    rows = read_csv(job)
    # 75 % of the population is 18-34 but half the responses: 12 · 0.75 / 6 = 1.5.
    weights = {row["leeftijdsgroep"]: row["gewicht"] for row in rows}
    assert weights == {"18-34": "1,5", "65-79": "0,5"} or weights == {
        "18-34": "1.5",
        "65-79": "0.5",
    }
    report = job.privacy_report["weighting"]
    assert report["usable"] and report["design_effect"] == pytest.approx(1.25)
    assert "gewicht" in " ".join(privacy_report.lines(job.privacy_report))

    job = export(org_a, "sav", django_capture_on_commit_callbacks, {"margins": MARGINS})
    path = tmp_path / job.filename
    path.write_bytes(bytes(job.content))
    frame, meta = pyreadstat.read_sav(str(path))
    assert meta.column_names_to_labels["gewicht"].startswith("Gewicht")
    assert sorted(set(frame["gewicht"])) == [0.5, 1.5]


def test_no_weight_without_margins_or_when_a_group_was_made_coarser(
    org_a, two_bands, immediate_huey, django_capture_on_commit_callbacks
):
    plain = read_csv(export(org_a, "csv", django_capture_on_commit_callbacks, {}))
    assert "gewicht" not in plain[0]
    # One lonely district: the file makes districts coarser, so weighting by district
    # would give Zuid back through its weight.
    Response.objects.filter(pk=Response.objects.order_by("pk").first().pk).update(district="Zuid")
    margins = {"district": {"Noord": 110, "Zuid": 10}}
    job = export(org_a, "csv", django_capture_on_commit_callbacks, {"margins": margins})
    assert "gewicht" not in read_csv(job)[0]
    assert job.privacy_report["weighting"]["withheld_for"] == ["district"]
    assert "Geen weegvariabele" in " ".join(privacy_report.lines(job.privacy_report))


def test_a_year_selection_covers_the_calendar_year():
    from gehoord.insights.exports.selection import selection_of

    period, _filters = selection_of({"year": 2025, "period": "venster"})
    assert (period.kind, period.start.isoformat(), period.end.isoformat()) == (
        "year",
        "2025-01-01",
        "2025-12-31",
    )
    assert period.key == "2025" and period.label == "2025"
