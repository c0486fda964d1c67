"""CSV import of signals: all rows or none, with a per-row report."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gehoord.catalog.tests.factories import make_service, make_team
from gehoord.feedback.csv_import import import_signals
from gehoord.feedback.models import Outcome, Signal, SignalKind, SignalSource

pytestmark = pytest.mark.django_db

GOOD = (
    "kind;date;text;service;team;outcome;decision_date\n"
    "klacht;02-03-2026;Te lang gewacht;wmo;KCC;gegrond;2026-04-01\n"
    "compliment;2026-03-03;Fijne medewerker;;;;\n"
    "bezwaar;2026-01-12;Niet eens met besluit;wmo;;;\n"
)


@pytest.fixture
def catalogue(org_a):
    make_service(org_a, "Wmo", code="wmo")
    make_team(org_a, "KCC")


def test_good_file_is_imported(org_a, catalogue):
    report = import_signals(org_a, GOOD.encode())
    assert (report.rows, report.imported, report.error_count) == (3, 3, 0)
    complaint = Signal.objects.get(kind=SignalKind.COMPLAINT)
    assert complaint.outcome == Outcome.WELL_FOUNDED and complaint.decided_on == date(2026, 4, 1)
    assert complaint.due_on == date(2026, 4, 13) and complaint.source == SignalSource.CSV
    assert Signal.objects.get(kind=SignalKind.OBJECTION).due_on == date(2026, 2, 23)


def test_one_bad_row_imports_nothing_and_is_reported(org_a, catalogue):
    bad = GOOD + ("onzin;31-02-2026;;xyz;;misschien;\nklacht;2026-03-05;tekst;;;;2026-01-01\n")
    report = import_signals(org_a, bad.encode("cp1252"))
    assert report.imported == 0 and not Signal.objects.exists()
    assert [row for row, _ in report.errors] == [5, 6]
    message = report.errors[0][1]
    assert "onzin" in message and "xyz" in message and "misschien" in message


def test_unreadable_files(org_a):
    with pytest.raises(ValueError):
        list(import_signals(org_a, b"\x00\x01binary"))
    with pytest.raises(ValueError, match="text"):
        import_signals(org_a, b"kind;date\nklacht;2026-03-02\n")


def test_upload_screen(client_a, org_a, catalogue):
    upload = SimpleUploadedFile("signalen.csv", GOOD.encode(), content_type="text/csv")
    response = client_a.post("/signalen/importeren/", {"file": upload})
    assert response.status_code == 200 and Signal.objects.count() == 3
    broken = SimpleUploadedFile("b.csv", b"kind;date\nklacht;2026-03-02\n")
    response = client_a.post("/signalen/importeren/", {"file": broken})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    bad_rows = SimpleUploadedFile("c.csv", b"kind;date;text\nklacht;gisteren;x\n")
    response = client_a.post("/signalen/importeren/", {"file": bad_rows})
    assert response.status_code == 400 and "gisteren" in response.content.decode()
    assert Signal.objects.count() == 3


# Issue 23: streams, size before reading, line endings, UTF-16, huge cells, no 500.


class CountingFile(io.BytesIO):
    """An upload that counts how much of it is read."""

    def __init__(self, content: bytes) -> None:
        super().__init__(content)
        self.bytes_read = 0

    def read(self, size=-1):
        data = super().read(size)
        self.bytes_read += len(data)
        return data

    def readinto(self, buffer):
        n = super().readinto(buffer)
        self.bytes_read += n
        return n


def test_a_too_large_file_is_refused_before_it_is_read(org_a, catalogue):
    upload = CountingFile(GOOD.encode() + b"x" * (6 * 1024 * 1024))
    with pytest.raises(ValueError, match="5 MB"):
        import_signals(org_a, upload)
    assert upload.bytes_read == 0


def test_the_upload_form_refuses_a_too_large_file(client_a, org_a, catalogue):
    upload = SimpleUploadedFile("groot.csv", GOOD.encode() + b"x" * (6 * 1024 * 1024))
    response = client_a.post("/signalen/importeren/", {"file": upload})
    assert response.status_code == 200 and "5 MB" in response.content.decode()
    assert not Signal.objects.exists()


def test_a_one_megabyte_cell_is_reported_not_a_500(client_a, org_a, catalogue):
    content = GOOD + f"klacht;2026-03-04;{'x' * 1024 * 1024};;;;\n"
    upload = SimpleUploadedFile("groot.csv", content.encode())
    response = client_a.post("/signalen/importeren/", {"file": upload})
    assert response.status_code == 400 and "Rij 5" in response.content.decode()
    assert not Signal.objects.exists()


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [("utf-16", "\r\n"), ("utf-16-le", "\n"), ("utf-8-sig", "\r"), ("cp1252", "\r\n")],
)
def test_encodings_line_endings_and_a_quoted_newline(org_a, catalogue, encoding, newline):
    text = (
        "kind,date,text\n"
        'klacht,2026-03-02,"Te lang gewacht.\nDaarna, ook nog, geen ""antwoord""."\n'
        "compliment,2026-03-03,Fijne medewerker\n"
    ).replace("\n", newline)
    bom = "\ufeff" if encoding == "utf-16-le" else ""
    report = import_signals(org_a, (bom + text).encode(encoding))
    assert (report.rows, report.imported, report.error_count) == (2, 2, 0), report.errors
    complaint = Signal.objects.get(kind=SignalKind.COMPLAINT)
    assert complaint.text == f'Te lang gewacht.{newline}Daarna, ook nog, geen "antwoord".'
