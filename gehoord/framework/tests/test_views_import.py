"""The import page, the import report and the JSON export, through the real views."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gehoord.framework import service
from gehoord.framework.models import ImportReport, Questionnaire
from gehoord.tenancy.roles import Role

from .helpers import page_of

pytestmark = pytest.mark.django_db

LSS = (Path(__file__).parent / "lss" / "burgerzaken_ls6.lss").read_bytes()


def upload(client, name: str, data: bytes, reuse: bool = True):
    fields = {"file": SimpleUploadedFile(name, data, content_type="application/octet-stream")}
    if reuse:
        fields["reuse_bank"] = "on"
    return client.post(reverse("framework:import"), fields)


def test_upload_makes_a_draft_and_shows_the_report(analyst, org_a, bank):
    page = page_of(analyst.get(reverse("framework:import")))
    assert "Vragenlijst importeren" in page and 'enctype="multipart/form-data"' in page
    response = upload(analyst, "burgerzaken.lss", LSS)
    report = ImportReport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("framework:import_report", args=[report.pk])
    page = page_of(analyst.get(response["Location"]))
    assert "Importverslag: Klanttevredenheid Burgerzaken 2026" in page
    assert "Niet overgenomen: gehoord heeft dit soort vraag niet (een rangorde)." in page
    assert "De tabel is gesplitst in 2 losse vragen, één per rij." in page
    assert "Bestaande vraag “core_improve” uit de vragenbank gebruikt" in page
    assert "Toegevoegd aan de vragenbank als “q1”" in page
    builder = page_of(analyst.get(reverse("framework:builder", args=[report.questionnaire.pk])))
    assert "Hoe nam u contact met ons op?" in builder


def test_without_reuse_the_report_offers_the_matching_bank_question(analyst, bank):
    upload(analyst, "burgerzaken.lss", LSS, reuse=False)
    page = page_of(
        analyst.get(reverse("framework:import_report", args=[ImportReport.objects.get().pk]))
    )
    assert "Toegevoegd aan de vragenbank als “q9”" in page
    assert "De vragenbank heeft al een vraag met dezelfde tekst: “core_improve”." in page


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("kapot.lss", b"<document>", "Het bestand is geen geldige XML"),
        ("oud.lss", LSS.replace(b"<DBVersion>623<", b"<DBVersion>145<"), "DBVersion “145”"),
        ("lijst.docx", b"PK", "Kies een .lss- of .json-bestand."),
        ("groot.lss", b" " * (5 * 1024 * 1024 + 1), "Het bestand is groter dan 5 MB."),
        ("kapot.json", b"[]", "Het bestand volgt het vragenlijstformaat niet"),
    ],
)
def test_a_broken_upload_shows_the_error_and_creates_nothing(analyst, name, data, message):
    response = upload(analyst, name, data)
    assert response.status_code == 200
    page = page_of(response)
    assert message in page and 'class="error-summary' in page
    assert not Questionnaire.objects.exists() and not ImportReport.objects.exists()


def test_team_leads_cannot_import(client, make_member, org_a):
    client.force_login(make_member(Role.TEAM_LEAD, org_a))
    assert client.get(reverse("framework:import")).status_code == 403
    assert upload(client, "b.lss", LSS).status_code == 403
    assert not Questionnaire.objects.exists()


def test_json_export_downloads_the_document(analyst, draft, filled):
    response = analyst.get(reverse("framework:export_json", args=[draft.pk]))
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="wmo-onderzoek-v1.json"'
    document = json.loads(response.content)
    assert document == service.export_questionnaire(draft)
    builder = page_of(analyst.get(reverse("framework:builder", args=[draft.questionnaire.pk])))
    assert reverse("framework:export_json", args=[draft.pk]) in builder
