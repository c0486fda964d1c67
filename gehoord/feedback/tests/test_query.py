"""Reads for insights: signals per service × kind × month with % well-founded."""

from datetime import date

import pytest

from gehoord.catalog.tests.factories import make_service
from gehoord.feedback import query, service
from gehoord.feedback.models import Outcome, SignalKind

pytestmark = pytest.mark.django_db


def test_counts_per_service_kind_and_month(org_a, org_b):
    wmo = make_service(org_a, "Wmo")
    add = service.record_signal
    for outcome in (Outcome.WELL_FOUNDED, Outcome.PARTLY, Outcome.UNFOUNDED, Outcome.WITHDRAWN, ""):
        add(
            org_a,
            kind=SignalKind.COMPLAINT,
            text="x",
            received_on=date(2026, 3, 5),
            service=wmo,
            outcome=outcome,
            decided_on=date(2026, 4, 1) if outcome else None,
        )
    add(org_a, kind=SignalKind.COMPLAINT, text="x", received_on=date(2026, 4, 2), service=wmo)
    add(org_a, kind=SignalKind.COMPLIMENT, text="x", received_on=date(2026, 3, 9))
    add(org_b, kind=SignalKind.COMPLAINT, text="x", received_on=date(2026, 3, 5))
    rows = query.signal_counts_by_month(org_a)
    march = [r for r in rows if r["month"] == date(2026, 3, 1)]
    complaint = next(r for r in march if r["kind"] == SignalKind.COMPLAINT)
    assert (
        complaint["service"],
        complaint["count"],
        complaint["decided"],
        complaint["well_founded"],
        complaint["pct_well_founded"],
    ) == ("Wmo", 5, 3, 2, 66.7)
    compliment = next(r for r in march if r["kind"] == SignalKind.COMPLIMENT)
    assert compliment["service_id"] is None and compliment["pct_well_founded"] is None
    april = [r for r in rows if r["month"] == date(2026, 4, 1)]
    assert [(r["kind"], r["count"]) for r in april] == [(SignalKind.COMPLAINT, 1)]
    assert len(query.signal_counts_by_month(org_a, start=date(2026, 4, 1))) == 1


def test_counts_per_service_and_theme(org_a):
    from gehoord.feedback.models import Theme

    wmo = make_service(org_a, "Wmo")
    service.install_themes(org_a)
    wait = Theme.objects.get(organisation=org_a, code="wachttijd")
    rude = Theme.objects.get(organisation=org_a, code="bejegening")
    for outcome, themes in (
        (Outcome.WELL_FOUNDED, [wait, rude]),
        (Outcome.UNFOUNDED, [wait]),
        ("", [wait]),
    ):
        signal = service.record_signal(
            org_a,
            kind=SignalKind.COMPLAINT,
            text="x",
            received_on=date(2026, 3, 5),
            service=wmo,
            outcome=outcome,
            decided_on=date(2026, 4, 1) if outcome else None,
        )
        service.set_codes(org_a, signal=signal, themes=themes, principles=[])
    rows = {r["theme_code"]: r for r in query.signal_counts_by_theme(org_a)}
    assert (
        rows["wachttijd"]["count"],
        rows["wachttijd"]["decided"],
        rows["wachttijd"]["pct_well_founded"],
    ) == (3, 2, 50.0)
    assert rows["bejegening"]["count"] == 1 and rows["bejegening"]["service"] == "Wmo"
    assert list(query.answer_themes(org_a)) == []
