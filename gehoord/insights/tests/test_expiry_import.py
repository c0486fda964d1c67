"""The expiry register's CSV import: each bad row is rejected with its own message, and
every good row is stored (none lost, none doubled)."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gehoord.catalog.tests.factories import make_service
from gehoord.insights import expiry_import
from gehoord.insights.models import ExpiryCount
from gehoord.outreach import service as outreach_service
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def licence(org_a):
    return make_service(org_a, "Rijbewijs verlengen", code="rijbewijs")


def test_good_rows_are_kept_and_bad_rows_named(org_a, licence):
    csv = (
        b"dienst;document;maand;aantal\n"
        b"rijbewijs;rijbewijs;2027-01;310\n"  # 2 good
        b"rijbewijs;rijbewijs;2027-13;200\n"  # 3 no month
        b"onbekend;rijbewijs;2027-02;100\n"  # 4 unknown service
        b"rijbewijs;Rijbewijs;02-2027;295\n"  # 5 good (other notation, lower-cased type)
        b"rijbewijs;rijbewijs;2027-03;veel\n"  # 6 no number
        b"rijbewijs;;2027-04;12\n"  # 7 no document
        b"rijbewijs;rijbewijs;2027-01;999\n"  # 8 same month as row 2
        b"rijbewijs;paspoort;2027-03-15;-4\n"  # 9 negative
        b"rijbewijs;paspoort;15-03-2027;40\n"  # 10 good (a date in the month)
    )
    report = expiry_import.import_expiry_counts(org_a, csv)
    assert report.rows == 9 and report.imported == 3 and report.error_count == 6
    errors = dict(report.errors)
    assert sorted(errors) == [3, 4, 6, 7, 8, 9]
    assert "is geen maand" in errors[3] or "is not a month" in errors[3]
    assert "onbekend" in errors[4]
    assert "veel" in errors[6]
    assert "rij 2" in errors[8] or "row 2" in errors[8]
    stored = {(c.document, c.month, c.count) for c in ExpiryCount.objects.for_organisation(org_a)}
    assert stored == {
        ("rijbewijs", date(2027, 1, 1), 310),
        ("rijbewijs", date(2027, 2, 1), 295),
        ("paspoort", date(2027, 3, 1), 40),
    }


def test_a_new_upload_replaces_the_month_and_keeps_the_others(org_a, licence):
    expiry_import.import_expiry_counts(
        org_a,
        b"service,document,month,count\nrijbewijs,rijbewijs,2027-01,10\n"
        b"rijbewijs,rijbewijs,2027-02,20\n",
    )
    report = expiry_import.import_expiry_counts(
        org_a, b"service,document,month,count\nrijbewijs,rijbewijs,2027-02,25\n"
    )
    assert report.imported == 1
    counts = dict(ExpiryCount.objects.for_organisation(org_a).values_list("month", "count"))
    assert counts == {date(2027, 1, 1): 10, date(2027, 2, 1): 25}


def test_a_file_without_the_columns_is_refused_as_a_whole(org_a, licence):
    with pytest.raises(outreach_service.CsvUnreadable, match="maand"):
        expiry_import.import_expiry_counts(org_a, b"dienst;document;aantal\nrijbewijs;x;3\n")
    assert not ExpiryCount.objects.exists()


def test_another_organisations_service_code_is_unknown(org_a, org_b):
    make_service(org_b, "Rijbewijs", code="rijbewijs")
    report = expiry_import.import_expiry_counts(
        org_a, b"dienst;document;maand;aantal\nrijbewijs;rijbewijs;2027-01;5\n"
    )
    assert report.imported == 0 and report.error_count == 1
    assert not ExpiryCount.objects.exists()


def test_upload_on_the_screen_shows_the_report_per_row(client, make_member, org_a, licence):
    client.force_login(make_member(Role.ADMINISTRATOR, org_a))
    upload = SimpleUploadedFile(
        "register.csv",
        b"dienst;document;maand;aantal\nrijbewijs;rijbewijs;2027-01;5\n"
        b"rijbewijs;rijbewijs;januari;5\n",
        content_type="text/csv",
    )
    response = client.post(reverse("insights:expiry_register"), {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200
    assert "januari" in page  # the bad row's value, in its message
    assert ExpiryCount.objects.for_organisation(org_a).count() == 1
    assert "Januari 2027" in page or "januari 2027" in page  # the stored row is listed


def test_only_those_who_manage_outreach_may_upload(client, make_member, org_a, licence):
    client.force_login(make_member(Role.COMPLAINTS_OFFICER, org_a))
    response = client.post(reverse("insights:expiry_register"), {})
    assert response.status_code == 403
    assert client.get(reverse("insights:expiry_register")).status_code == 200
