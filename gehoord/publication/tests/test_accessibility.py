"""Accessibility statements: edited by the organisation, public per organisation and for
the platform, with the recorded automated checks."""

import json
from datetime import UTC, date, datetime

import pytest

from gehoord.publication.accessibility import automated_results, summary
from gehoord.publication.models import AccessibilityStatement
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db

FORM = {
    "status": "B",
    "scope": "De enquêtes en het meldingenformulier",
    "signed_on": "2026-11-02",
    "evaluated_by": "Toegankelijkheidsbureau X",
    "evaluated_on": "2026-10-15",
    "evaluation_url": "https://example.nl/rapport.pdf",
    "known_issues": "Grafieken hebben nog geen tekstalternatief\n\nPDF-rapport niet getagd",
    "contact_email": "toegankelijkheid@voorbeeld.nl",
    "contact_phone": "14 020",
    "response_days": "5",
}


def test_summary_groups_checks_by_route_and_reads_back(tmp_path):
    content = summary(
        [("o/<slug:slug>/feedback/", 0), ("v/<str:token>/", 0), ("o/<slug:slug>/feedback/", 2)],
        datetime(2026, 11, 30, 11, 0, tzinfo=UTC),
        "abc1234567890",
    )
    path = tmp_path / "axe.json"
    path.write_text(json.dumps(content))
    results = automated_results(path)
    assert results is not None
    assert [(p.route, p.checks, p.violations) for p in results.pages] == [
        ("o/<slug:slug>/feedback/", 2, 2),
        ("v/<str:token>/", 1, 0),
    ]
    assert results.checks == 3 and results.violations == 2


def test_an_unreadable_summary_is_no_summary(tmp_path):
    path = tmp_path / "axe.json"
    path.write_text("{not json")
    assert automated_results(path) is None
    assert automated_results(tmp_path / "missing.json") is None


def test_the_committed_summary_is_readable_and_clean():
    results = automated_results()
    assert results is not None, "run `make axe-summary` and commit axe_summary.json"
    assert results.pages and results.violations == 0


def test_administrator_saves_the_statement_and_the_public_page_shows_it(client_a, org_a, client):
    assert client_a.get("/publicatie/toegankelijkheid/").status_code == 200
    response = client_a.post("/publicatie/toegankelijkheid/", FORM)
    assert response.status_code == 302
    statement = AccessibilityStatement.objects.get(organisation=org_a)
    assert statement.status == "B" and statement.known_issue_lines() == [
        "Grafieken hebben nog geen tekstalternatief",
        "PDF-rapport niet getagd",
    ]
    client.logout()
    page = client.get(f"/o/{org_a.slug}/toegankelijkheid/").content.decode()
    assert "B: voldoet gedeeltelijk" in page
    assert "2 november 2026" in page and "Toegankelijkheidsbureau X" in page
    assert "PDF-rapport niet getagd" in page and "toegankelijkheid@voorbeeld.nl" in page
    assert "binnen 5 werkdagen" in page and "nationaleombudsman.nl" in page
    platform = client.get("/toegankelijkheid/").content.decode()
    assert f"/o/{org_a.slug}/toegankelijkheid/" in platform


def test_an_organisation_without_a_statement_says_so(client, org_a):
    page = client.get(f"/o/{org_a.slug}/toegankelijkheid/")
    assert page.status_code == 200
    assert "heeft de toegankelijkheidsverklaring nog niet ingevuld" in page.content.decode()
    assert client.get("/o/onbekend/toegankelijkheid/").status_code == 404


def test_bad_input_is_refused_and_nothing_is_saved(client_a, org_a):
    bad = {**FORM, "evaluated_on": "2026-12-01", "contact_email": "geen adres"}
    response = client_a.post("/publicatie/toegankelijkheid/", bad)
    assert response.status_code == 400
    body = response.content.decode()
    assert "kan niet na de datum van de verklaring" in body
    assert not AccessibilityStatement.objects.exists()


def test_roles_without_publication_rights_cannot_edit(client, org_a, make_member):
    client.force_login(make_member(Role.TEAM_LEAD, org_a))
    assert client.get("/publicatie/toegankelijkheid/").status_code == 403
    assert client.post("/publicatie/toegankelijkheid/", FORM).status_code == 403
    assert not AccessibilityStatement.objects.exists()


def test_each_organisation_edits_only_its_own(client_a, org_a, org_b):
    other = AccessibilityStatement.objects.create(
        organisation=org_b, signed_on=date(2026, 1, 5), contact_email="b@example.nl"
    )
    client_a.post("/publicatie/toegankelijkheid/", FORM)
    other.refresh_from_db()
    assert other.contact_email == "b@example.nl" and other.status == "C"
    assert AccessibilityStatement.objects.get(organisation=org_a).status == "B"
