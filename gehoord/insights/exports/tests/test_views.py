"""Export screens: ask, follow, download; scoped to the organisation and its capability."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from gehoord.insights.models import ExportJob, ExportStatus
from gehoord.insights.tests.factories import make_export_job
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db


def test_export_request_runs_in_the_background_and_downloads(
    client_a, admin_a, org_a, small_survey, immediate_huey, django_capture_on_commit_callbacks
):
    page = client_a.get(reverse("insights:exports"))
    assert page.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(
            reverse("insights:exports"),
            {
                "wat": "responses",
                "formaat": "xlsx",
                "periode": "venster",
                "aanbieder": small_survey.provider.pk,
            },
        )
    assert response.status_code == 302
    job = ExportJob.objects.get()
    assert response["Location"] == reverse("insights:export_detail", args=[job.pk])
    assert job.requested_by == admin_a and job.status == ExportStatus.DONE
    assert job.parameters == {"period": "venster", "provider_id": small_survey.provider.pk}

    detail = client_a.get(response["Location"]).content.decode()
    assert small_survey.provider.name in detail  # what the export covers
    download_url = reverse("insights:export_download", args=[job.pk])
    assert download_url in detail and "hx-get" not in detail  # done: no more polling
    download = client_a.get(download_url)
    assert download.status_code == 200
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert download["Content-Disposition"] == f'attachment; filename="{job.filename}"'
    assert download.content[:2] == b"PK"
    entries = LogEntry.objects.filter(object_pk=str(job.pk), actor=admin_a)
    assert {e.action for e in entries} == {LogEntry.Action.CREATE, LogEntry.Action.ACCESS}
    assert all(e.additional_data["organisation_id"] == org_a.pk for e in entries)
    log = client_a.get(reverse("tenancy:audit_log"))
    assert log.status_code == 200
    text = log.content.decode()
    # The request in words: what, the format and the selection, no English, no JSON.
    assert "Export requested" not in text and "{&quot;period" not in text
    assert f"Aanbieder: {small_survey.provider.name}" in text and "Periode: " in text


def test_a_running_job_polls_its_status_every_two_seconds(client_a, org_a):
    job = make_export_job(org_a, "figures", "csv", ExportStatus.RUNNING, done=3, total=12)
    page = client_a.get(reverse("insights:export_detail", args=[job.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in page and 'value="25"' in page
    polled = client_a.get(
        reverse("insights:export_detail", args=[job.pk]), headers={"HX-Request": "true"}
    )
    partial = polled.content.decode()
    assert "<html" not in partial and "hx-get" in partial and "3" in partial
    assert "selection" not in polled.context  # described on the full page only
    # Not ready yet: nothing to download.
    assert client_a.get(reverse("insights:export_download", args=[job.pk])).status_code == 404


def test_a_failed_job_shows_its_message(client_a, org_a):
    job = make_export_job(
        org_a,
        "responses",
        "csv",
        ExportStatus.FAILED,
        error="Te weinig reacties voor deze selectie.",
    )
    page = client_a.get(reverse("insights:export_detail", args=[job.pk])).content.decode()
    assert "Te weinig reacties voor deze selectie." in page and "hx-get" not in page


def test_a_format_that_does_not_fit_is_refused_in_the_form(client_a):
    response = client_a.post(
        reverse("insights:exports"), {"wat": "figures", "formaat": "pdf", "periode": "venster"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["formaat"]
    assert not ExportJob.objects.exists()


def test_the_report_is_always_a_pdf(client_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        response = client_a.post(
            reverse("insights:exports"), {"wat": "report", "formaat": "csv", "periode": "venster"}
        )
    assert response.status_code == 302
    assert ExportJob.objects.get().format == "pdf"


def test_old_files_are_forgotten_but_the_job_stays(client_a, org_a):
    from datetime import timedelta

    from django.utils import timezone

    from gehoord.insights.exports import jobs

    old = make_export_job(
        org_a,
        "responses",
        "csv",
        ExportStatus.DONE,
        content=b"x",
        filename="a.csv",
        finished_at=timezone.now() - timedelta(days=8),
    )
    new = make_export_job(
        org_a,
        "responses",
        "csv",
        ExportStatus.DONE,
        content=b"y",
        filename="b.csv",
        finished_at=timezone.now() - timedelta(days=1),
    )
    assert jobs.purge_files() == 1
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.content is None and old.filename == "a.csv" and bytes(new.content) == b"y"
    assert client_a.get(reverse("insights:export_download", args=[old.pk])).status_code == 404
    page = client_a.get(reverse("insights:export_detail", args=[old.pk])).content.decode()
    assert reverse("insights:export_download", args=[old.pk]) not in page
    listing = client_a.get(reverse("insights:exports")).content.decode()
    assert reverse("insights:export_download", args=[new.pk]) in listing
    assert reverse("insights:export_download", args=[old.pk]) not in listing


def test_another_organisations_job_is_not_found(client, make_member, org_a, org_b):
    job = make_export_job(
        org_b, "figures", "csv", ExportStatus.DONE, content=b"geheim", filename="b.csv"
    )
    client.force_login(make_member(Role.ANALYST, org_a))
    assert client.get(reverse("insights:export_detail", args=[job.pk])).status_code == 404
    assert client.get(reverse("insights:export_download", args=[job.pk])).status_code == 404
    page = client.get(reverse("insights:exports")).content.decode()
    assert reverse("insights:export_detail", args=[job.pk]) not in page


@pytest.mark.parametrize("role", [Role.TEAM_LEAD])
def test_members_without_the_export_capability_are_refused(client, make_member, org_a, role):
    job = make_export_job(
        org_a, "figures", "csv", ExportStatus.DONE, content=b"x", filename="a.csv"
    )
    client.force_login(make_member(role, org_a))
    for url in (
        reverse("insights:exports"),
        reverse("insights:export_detail", args=[job.pk]),
        reverse("insights:export_download", args=[job.pk]),
    ):
        assert client.get(url).status_code == 403


def test_job_list_is_paginated_with_a_fixed_number_of_queries(
    client_a, admin_a, org_a, django_assert_max_num_queries
):
    for _ in range(45):
        make_export_job(
            org_a,
            "figures",
            "csv",
            ExportStatus.DONE,
            requested_by=admin_a,
            content=b"x",
            filename="a.csv",
        )
    client_a.get(reverse("insights:exports"))  # warm caches (session, content types)
    with django_assert_max_num_queries(10):  # 9 today, whatever the number of jobs
        page = client_a.get(reverse("insights:exports"))
    assert len(page.context["jobs"]) == 20 and page.context["is_paginated"]
    last = client_a.get(reverse("insights:exports") + "?page=3")
    assert len(last.context["jobs"]) == 5


def test_a_responses_export_page_says_how_respondents_are_protected(
    client_a, org_a, small_survey, immediate_huey, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client_a.post(
            reverse("insights:exports"),
            {"wat": "responses", "formaat": "csv", "periode": "venster"},
        )
    job = ExportJob.objects.get()
    report = job.privacy_report
    assert report["k"] == 5 and report["rows"] == 12
    detail = client_a.get(reverse("insights:export_detail", args=[job.pk])).content.decode()
    polled = client_a.get(
        reverse("insights:export_detail", args=[job.pk]), headers={"HX-Request": "true"}
    ).content.decode()
    text_url = reverse("insights:export_privacy_report", args=[job.pk])
    for page in (detail, polled):
        assert text_url in page and f"Bereikt: minstens {report['achieved_k']} keer" in page
    text = client_a.get(text_url)
    assert text.status_code == 200 and text["Content-Type"].startswith("text/plain")
    assert text["Content-Disposition"] == (
        f'attachment; filename="{job.filename.removesuffix(".csv")}-privacy.txt"'
    )
    assert f"{report['rows_exported']} van de 12 reacties" in text.content.decode("utf-8-sig")


def test_a_figures_export_has_no_privacy_report(client_a, org_a):
    job = make_export_job(org_a, "figures", "csv", ExportStatus.DONE)
    assert client_a.get(reverse("insights:export_privacy_report", args=[job.pk])).status_code == 404
