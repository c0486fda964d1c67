from datetime import timedelta

import pytest

from gehoord.feedback.models import Coding, Outcome, Signal, SignalKind, Theme
from gehoord.insights import periods, rollups, triangulation
from gehoord.insights.figures import Figure
from gehoord.insights.triangulation import Row

pytestmark = pytest.mark.django_db


def figure(kind, value, n=100):
    return Figure(kind, n, value, value - 1, value + 1, suppressed=False)


def test_good_score_with_many_well_founded_complaints_is_a_contradiction():
    row = Row(
        1,
        "Paspoort",
        "wachttijd",
        "Wachttijd",
        grade=figure("mean", 8.1),
        agreement=figure("share", 85.0),
        complaints=6,
        decided=6,
        well_founded=5,
    )
    reasons = triangulation.explain(row)
    assert len(reasons) == 1 and "85%" in reasons[0] and "gegrond" in reasons[0]


def test_poor_score_without_complaints_is_a_contradiction():
    row = Row(
        1, "Paspoort", "formulieren", "Formulieren", grade=figure("mean", 5.2), agreement=None
    )
    assert triangulation.explain(row)


def test_agreeing_sources_and_suppressed_figures_are_not_marked():
    agree = Row(
        1,
        "Paspoort",
        "wachttijd",
        "Wachttijd",
        grade=figure("mean", 5.0),
        agreement=figure("share", 40.0),
        complaints=8,
        decided=8,
        well_founded=6,
    )
    assert triangulation.explain(agree) == []
    hidden = Figure("share", 3, 90.0, 80, 95, suppressed=True)
    suppressed = Row(
        1,
        "Paspoort",
        "wachttijd",
        "Wachttijd",
        grade=None,
        agreement=hidden,
        complaints=8,
        decided=8,
        well_founded=8,
    )
    assert triangulation.explain(suppressed) == []


def plant_contradiction(organisation):
    """Twelve well-founded complaints about forms (a theme without a survey driver, so it is
    judged on the grade) at the service with the best grade."""
    rollups.rebuild(organisation)
    period = periods.rolling_window()
    rows = triangulation.rows(organisation, period)
    best = max(
        (r for r in rows if r.grade is not None and r.grade.shown), key=lambda r: r.grade.value
    )
    assert best.grade.value >= triangulation.GOOD_GRADE
    theme = Theme.objects.get(organisation=organisation, code="formulieren")
    day = period.end - timedelta(days=10)
    signals = Signal.objects.bulk_create(
        [
            Signal(
                organisation=organisation,
                kind=SignalKind.COMPLAINT,
                received_on=day,
                text="Planted",
                service_id=best.service_id,
                outcome=Outcome.WELL_FOUNDED,
                decided_on=day,
            )
            for _ in range(12)
        ]
    )
    Coding.objects.bulk_create(
        [Coding(organisation=organisation, signal=s, theme=theme) for s in signals]
    )
    return best.service_id, theme.code


def test_planted_contradiction_stands_out(demo_org):
    key = plant_contradiction(demo_org)
    rows = triangulation.rows(demo_org, periods.rolling_window())
    row = next(r for r in rows if (r.service_id, r.theme_code) == key)
    assert row.agreement is None  # no driver: judged on the service's grade
    assert row.complaints >= 12 and row.well_founded >= 12
    assert any("gegrond" in reason for reason in row.contradictions), row.contradictions
    assert rows.index(row) < sum(1 for r in rows if r.contradictions)  # marked rows first
    assert "meer" in row.signal_trend
