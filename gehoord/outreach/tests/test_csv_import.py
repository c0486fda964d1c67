"""CSV import: dialects, encodings, per-row report, all or nothing."""

import os

import pytest
from django.urls import reverse
from django.utils import translation
from huey.contrib.djhuey import HUEY

from gehoord.catalog.tests.factories import make_provider, make_service
from gehoord.outreach.csv_import import UnreadableFile, import_events
from gehoord.outreach.models import EventImport, ServiceEvent


@pytest.fixture(autouse=True)
def english_messages():
    """The unit tests read the report's messages in English (the msgids)."""
    with translation.override("en"):
        yield


@pytest.fixture
def services(org_a):
    make_service(org_a, "Paspoort", code="paspoort")
    make_provider(org_a, "Zorg Plus")


GOOD = (
    "service;kind;date;name;email;provider\n"
    "paspoort;afgerond;31-03-2026;José Müller;jose@example.org;Zorg Plus\n"
    "paspoort;completed;2026-04-01;;an@example.org;\n"
)


def test_semicolons_bom_and_dutch_words(org_a, services):
    report = import_events(org_a, ("\ufeff" + GOOD).encode("utf-8"))
    assert (report.rows, report.imported, report.error_count) == (2, 2, 0)
    event = ServiceEvent.objects.get(contact__email="jose@example.org")
    assert event.contact.name == "José Müller" and event.provider.name == "Zorg Plus"
    assert event.source == "csv" and str(event.occurred_on) == "2026-03-31"


def test_windows_1252_and_commas(org_a, services):
    text = GOOD.replace(";", ",")
    report = import_events(org_a, text.encode("cp1252"))
    assert report.imported == 2
    assert ServiceEvent.objects.get(contact__email="jose@example.org").contact.name == "José Müller"


def test_bad_rows_are_reported_and_nothing_is_imported(org_a, services):
    text = (
        "service,kind,date,email\n"
        "paspoort,completed,2026-04-01,ok@example.org\n"
        "rijbewijs,completed,2026-04-01,a@example.org\n"
        "paspoort,verhuisd,31-02-2026,geen-adres\n"
        "paspoort,completed,2026-04-01,\n"
    )
    report = import_events(org_a, text.encode())
    assert report.imported == 0 and ServiceEvent.objects.count() == 0
    rows = dict(report.errors)
    assert set(rows) == {3, 4, 5}
    assert "unknown service code" in rows[3]
    assert "kind" in rows[4] and "not a date" in rows[4] and "e-mail" in rows[4]
    assert "needed" in rows[5]


def test_duplicate_rows_are_imported_once(org_a, services):
    text = GOOD + GOOD.splitlines()[1] + "\n"
    report = import_events(org_a, text.encode())
    assert report.imported == 2 and report.duplicates == 1
    assert ServiceEvent.objects.count() == 2


@pytest.mark.parametrize(
    "raw",
    [
        b"name;email\nJan;jan@example.org\n",  # required columns missing
        os.urandom(10 * 1024 * 1024),  # 10 MB of garbage
        b"\x00\x01\x02 binary",
    ],
)
def test_unreadable_files_are_refused_as_a_whole(org_a, services, raw):
    with pytest.raises(UnreadableFile):
        import_events(org_a, raw)
    assert ServiceEvent.objects.count() == 0


@pytest.fixture
def immediate_huey():
    HUEY.immediate = True
    yield
    HUEY.immediate = False


def test_upload_runs_in_the_background_and_reports(
    client_a, org_a, services, immediate_huey, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("events.csv", GOOD.encode(), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(reverse("outreach:import"), {"file": upload})
    assert response.status_code == 302
    job = EventImport.objects.get()
    assert job.status == "done" and job.report["imported"] == 2
    assert job.content is None  # the file with names is gone once processed
    page = client_a.get(response["Location"]).content.decode()
    assert "2 gebeurtenissen geïmporteerd" in page


def test_upload_with_errors_shows_rows_to_fix(
    client_a, org_a, services, immediate_huey, django_capture_on_commit_callbacks
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("events.csv", b"service,kind,date,email\nx,y,z,\n")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(reverse("outreach:import"), {"file": upload})
    page = client_a.get(response["Location"]).content.decode()
    assert "Er is niets geïmporteerd" in page and "onbekende dienstcode" in page
