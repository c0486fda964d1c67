"""Maturity scan: answers of several staff aggregate per pillar; radar and gap."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from gehoord.improvement import maturity, service
from gehoord.improvement.models import MaturityAnswer, MaturityScan
from gehoord.improvement.pillars import PILLARS, STATEMENTS, statements_of
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db


def test_six_pillars_with_statements_of_five_levels():
    assert list(PILLARS) == [
        "strategie",
        "klantbegrip",
        "klantreis",
        "meten",
        "governance",
        "cultuur",
    ]
    for code in PILLARS:
        assert 2 <= len(statements_of(code)) <= 3
    assert all(len(s.levels) == 5 for s in STATEMENTS.values())


def test_scores_are_the_mean_per_pillar_with_the_gap(org_a, make_member):
    scan = service.start_scan(org_a, date(2025, 3, 1), {code: 4 for code in PILLARS})
    one, two = make_member(Role.ANALYST, org_a), make_member(Role.TEAM_LEAD, org_a)
    service.answer_scan(scan, one, {s: 2 for s in STATEMENTS})
    service.answer_scan(scan, two, {s: 3 for s in STATEMENTS} | {"strategie-1": 5})
    # Answering again replaces the earlier answers.
    service.answer_scan(scan, one, {s: 2 for s in STATEMENTS})
    scores = {s.code: s for s in maturity.scores(scan)}
    assert scores["klantbegrip"].mean == 2.5
    assert scores["strategie"].mean == pytest.approx(round((2 + 2 + 5 + 3) / 4, 1))
    assert scores["klantbegrip"].gap == 1.5
    assert maturity.respondent_count(scan) == 2
    with pytest.raises(ValidationError):
        service.answer_scan(scan, one, {"strategie-1": 9})
    assert MaturityAnswer.objects.filter(scan=scan).count() == 2 * len(STATEMENTS)


def test_scan_screens(client_a, org_a, admin_a):
    response = client_a.post(
        reverse("improvement:scans"),
        {"held_on": "2025-03-01", **{f"target_{c}": 4 for c in PILLARS}},
    )
    assert response.status_code == 302
    scan = MaturityScan.objects.get(organisation=org_a)
    url = reverse("improvement:scan_answer", args=[scan.pk])
    response = client_a.post(url, {"strategie-1": 3})
    assert response.status_code == 200 and not MaturityAnswer.objects.exists()
    response = client_a.post(url, {s: 4 for s in STATEMENTS})
    assert response.status_code == 302
    response = client_a.get(reverse("improvement:scan_detail", args=[scan.pk]))
    body = response.content.decode()
    assert "data-vega-spec" in body and "vendor/vega-embed.min.js" in body and "<table" in body


def test_scan_detail_compares_with_the_scan_before_and_shows_the_history(client_a, org_a, admin_a):
    targets = {c: 4 for c in PILLARS}
    first = service.start_scan(org_a, date(2025, 3, 1), targets)
    second = service.start_scan(org_a, date(2025, 9, 1), targets)
    service.answer_scan(first, admin_a, {s: 2 for s in STATEMENTS})
    service.answer_scan(second, admin_a, {s: 4 for s in STATEMENTS})
    context = client_a.get(reverse("improvement:scan_detail", args=[second.pk])).context
    assert context["earlier_scan"] == first
    assert context["scores"] == maturity.scores(second)
    assert context["history"] == [
        (second, maturity.scores(second)),
        (first, maturity.scores(first)),
    ]
    # The radar draws this scan (level 4), the targets and the scan before (level 2).
    spec = context["radar"]
    lines = [layer for layer in spec["layer"] if "order" in layer["encoding"]]
    radii = {
        round((row["x"] ** 2 + row["y"] ** 2) ** 0.5, 3)
        for layer in lines[-3:]
        for row in (
            spec["datasets"][layer["data"]["name"]]
            if "name" in layer["data"]
            else layer["data"]["values"]
        )
    }
    assert radii == {0.4, 0.8}
