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


# Issue 23: line endings, quoted newlines, UTF-16, huge cells, batches, no job left running.


def test_cr_only_line_endings(org_a, services):
    """Old Mac exports end lines with a bare CR."""
    report = import_events(org_a, GOOD.replace("\n", "\r").encode())
    assert (report.rows, report.imported, report.error_count) == (2, 2, 0)


def test_a_quoted_newline_stays_inside_its_field(org_a, services):
    text = (
        "service,kind,date,email,street\r\n"
        'paspoort,completed,2026-04-01,jan@example.org,"Dorpsstraat 1\r\nachterom"\r\n'
        'paspoort,completed,2026-04-02,an@example.org,"Kerkstraat ""De Hoek"" 2"\r\n'
    )
    report = import_events(org_a, text.encode())
    assert (report.rows, report.imported, report.error_count) == (2, 2, 0), report.errors
    street = dict(ServiceEvent.objects.values_list("contact__email", "contact__street"))
    assert street == {
        "jan@example.org": "Dorpsstraat 1\r\nachterom",
        "an@example.org": 'Kerkstraat "De Hoek" 2',
    }


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_a_byte_order_mark(org_a, services, encoding):
    raw = ("" if encoding == "utf-16" else "\ufeff") + GOOD.replace("\n", "\r\n")
    report = import_events(org_a, raw.encode(encoding))
    assert (report.rows, report.imported, report.error_count) == (2, 2, 0), report.errors
    assert ServiceEvent.objects.get(contact__email="jose@example.org").contact.name == "José Müller"


def test_a_huge_cell_is_a_row_error_not_a_crash(org_a, services):
    text = (
        GOOD
        + f"paspoort;completed;2026-04-01;{'x' * 20_000};a@example.org;\n"
        + f"paspoort;completed;2026-04-01;{'x' * 1_000_000};b@example.org;\n"
        + "paspoort;completed;2026-04-01;;c@example.org;\n"
    )
    report = import_events(org_a, text.encode())
    assert report.imported == 0 and ServiceEvent.objects.count() == 0
    assert [row for row, _ in report.errors] == [4, 5], report.errors
    assert "longer than 10000 characters" in report.errors[0][1]
    assert "too long" in report.errors[1][1]


def test_a_control_character_in_a_cell_is_a_row_error(org_a, services):
    text = GOOD + "paspoort;completed;2026-04-01;Jan\x00;b@example.org;\n"
    report = import_events(org_a, text.encode())
    assert [row for row, _ in report.errors] == [4] and "control character" in report.errors[0][1]


def test_rows_are_imported_in_batches_of_their_own_transaction(org_a, services, monkeypatch):
    """A failure in the third batch keeps the first two, and the report says so."""
    from gehoord.outreach import csv_import, events

    lines = [f"paspoort;completed;2026-04-01;p{i}@example.org" for i in range(7)]
    text = "service;kind;date;email\n" + "\n".join(lines) + "\n"
    record = events.record_event

    def failing_record(organisation, **kwargs):
        if kwargs["contact"]["email"] == "p5@example.org":
            raise RuntimeError("database gone")
        return record(organisation, **kwargs)

    monkeypatch.setattr(csv_import, "BATCH_ROWS", 2)
    monkeypatch.setattr(events, "record_event", failing_record)
    report = csv_import.ImportReport()
    with pytest.raises(RuntimeError):
        csv_import.import_events(org_a, text.encode(), report=report)
    assert ServiceEvent.objects.count() == 4 and report.imported == 4


def make_job(org, content: bytes) -> EventImport:
    return EventImport.objects.create(organisation=org, file_name="events.csv", content=content)


def test_an_unexpected_error_ends_the_job_as_failed_not_running(org_a, services, monkeypatch):
    from gehoord.outreach import csv_import, events

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(events, "record_event", broken)
    job = make_job(org_a, GOOD.encode())
    csv_import.run_import(job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and job.content is None
    assert job.report["fatal"] and job.report["imported"] == 0


@pytest.mark.parametrize(
    "raw",
    [
        GOOD.replace("\n", "\r").encode(),
        b'service;kind;date;email\npaspoort;completed;2026-04-01;"never closed\n',
        b"\xff\xfe" + b"\x00garbage" * 100,
    ],
)
def test_every_job_ends_done_refused_or_failed(org_a, services, raw):
    from gehoord.outreach import csv_import

    job = make_job(org_a, raw)
    csv_import.run_import(job.pk)
    job.refresh_from_db()
    assert job.status in ("done", "refused", "failed") and job.content is None
    assert job.status == "done" or job.report.get("fatal") or job.report.get("errors")
