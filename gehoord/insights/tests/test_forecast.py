"""Forecasts from stored service events and the expiry register: the series the model
sees, what is stored, and the screen that only reads it (organisation-scoped)."""

import random
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from gehoord.catalog import service as catalog_service
from gehoord.catalog.models import Service
from gehoord.catalog.tests.factories import make_service, make_team
from gehoord.contacts.tests.factories import make_contact
from gehoord.demo.forecast_step import peak_month
from gehoord.formatting import format_number
from gehoord.insights import forecast, service
from gehoord.insights.models import DemandForecast, ExpiryCount
from gehoord.outreach.models import EventKind, EventSource, ServiceEvent
from gehoord.tenancy.models import Membership
from gehoord.tenancy.roles import Role

pytestmark = pytest.mark.django_db

SEASON = [0.85, 0.85, 1.0, 1.1, 1.2, 1.2, 1.0, 0.9, 0.95, 1.0, 0.95, 0.9]


def months(first: date, count: int) -> list[date]:
    out, current = [], first
    for _ in range(count):
        out.append(current)
        current = forecast.next_month(current)
    return out


def history_months() -> list[date]:
    """The 30 complete months before this one (the suite's frozen today)."""
    this_month = timezone.localdate().replace(day=1)
    first = this_month
    for _ in range(30):
        first = (first - timedelta(days=1)).replace(day=1)
    return months(first, 30)


def plant(organisation, code="rijbewijs", seed=5):
    """30 months of requests that follow the expiry register, and a register that runs a
    year ahead with a doubled peak in the first March from this month on."""
    rng = random.Random(seed)
    licence = make_service(organisation, "Rijbewijs verlengen", code=code)
    contact = make_contact(organisation)
    history = history_months()
    register = months(history[0], 30 + 12)
    expiry = {m: round(200 * SEASON[m.month - 1] * rng.uniform(0.8, 1.2)) for m in register}
    expiry[peak_month(timezone.localdate())] *= 2
    events = []
    for month in history:
        for _ in range(round(0.5 * expiry[month] + 20 + rng.gauss(0, 5))):
            day = month + timedelta(days=rng.randrange(28))
            events.append(
                ServiceEvent(
                    organisation=organisation,
                    contact=contact,
                    service=licence,
                    kind=EventKind.STARTED,
                    occurred_on=day,
                    source=EventSource.CSV,
                )
            )
    ServiceEvent.objects.bulk_create(events)
    rows = "\n".join(f"{code};rijbewijs;{m:%Y-%m};{n}" for m, n in expiry.items())
    report = service.import_expiry_counts(
        organisation, f"dienst;document;maand;aantal\n{rows}".encode()
    )
    assert report.imported == len(expiry)
    return licence, expiry


def test_the_series_counts_requests_per_complete_period(org_a):
    licence, expiry = plant(org_a)
    periods, values = forecast.series(org_a, licence, "month", timezone.localdate())
    history = history_months()
    assert periods[0] == history[0] and periods[-1] == history[-1]
    march = next(m for m in history if m.month == 3)
    direct = ServiceEvent.objects.filter(
        service=licence, occurred_on__month=3, occurred_on__year=march.year
    ).count()
    assert values[periods.index(march)] == direct
    weeks, weekly = forecast.series(org_a, licence, "week", timezone.localdate())
    assert all(w.weekday() == 0 for w in weeks)
    assert weeks[-1] + timedelta(days=7) <= timezone.localdate()
    assert (
        sum(weekly)
        == ServiceEvent.objects.filter(
            service=licence, occurred_on__gte=weeks[0], occurred_on__lt=weeks[-1] + timedelta(7)
        ).count()
    )


def test_the_forecast_finds_the_planted_peak_and_beats_seasonal_naive(org_a):
    licence, expiry = plant(org_a)
    assert service.compute_forecasts(org_a) == 2
    monthly = DemandForecast.objects.get(organisation=org_a, service=licence, granularity="month")
    result = monthly.result
    assert result["uses_expiry"]
    scores = {s["code"]: s for s in result["scores"]}
    assert result["chosen"] != "seasonal_naive"
    assert scores[result["chosen"]]["mase"] < scores["seasonal_naive"]["mase"]
    peak = max(result["forecast"], key=lambda row: row["mean"])
    assert peak["period"] == peak_month(timezone.localdate()).isoformat()
    assert peak["low95"] <= peak["low80"] <= peak["mean"] <= peak["high80"] <= peak["high95"]
    weekly = DemandForecast.objects.get(organisation=org_a, service=licence, granularity="week")
    assert len(weekly.result["forecast"]) == forecast.SETTINGS["week"]["horizon"]
    assert weekly.result["uses_expiry"]  # the register covers every day of every week
    assert "fourier_expiry" in {s["code"] for s in weekly.result["scores"]}


def test_the_screen_shows_peak_backtest_and_capacity(client, make_member, org_a, org_b):
    licence, _expiry = plant(org_a)
    service.compute_forecasts(org_a)
    client.force_login(make_member(Role.ANALYST, org_a))
    page = client.get(reverse("insights:forecast"), {"dienst": licence.pk}).content.decode()
    assert f"maart {peak_month(timezone.localdate()).year}" in page.lower()
    assert "MASE" in page and "data-vega-spec" in page
    weekly = client.get(
        reverse("insights:forecast"), {"dienst": licence.pk, "per": "week", "minuten": 30}
    )
    stored = DemandForecast.objects.get(service=licence, granularity="week").result
    first = stored["forecast"][0]
    hours = first["mean"] * 30 / 60
    # Rounded as the page rounds (half up, Dutch notation), not as Python's float format.
    with translation.override("nl"):
        assert format_number(hours, 1) in weekly.content.decode()


def test_the_screen_never_fits_a_model(client, make_member, org_a):
    plant(org_a)
    client.force_login(make_member(Role.ANALYST, org_a))
    response = client.get(reverse("insights:forecast"))
    assert response.status_code == 200
    assert not DemandForecast.objects.exists()


def test_another_organisations_forecast_is_out_of_reach(client, make_member, org_a, org_b):
    licence_b, _expiry = plant(org_b, seed=9)
    service.compute_forecasts(org_b)
    client.force_login(make_member(Role.ADMINISTRATOR, org_a))
    page = client.get(reverse("insights:forecast"), {"dienst": licence_b.pk}).content.decode()
    assert "Rijbewijs verlengen" not in page
    register = client.get(reverse("insights:expiry_register")).content.decode()
    assert "Rijbewijs verlengen" not in register
    assert ExpiryCount.objects.filter(organisation=org_b).exists()


def test_team_limited_members_do_not_see_the_forecast(client, make_member, org_a):
    member = make_member(Role.TEAM_LEAD, org_a)
    catalog_service.set_team_access(member.memberships.get(), [make_team(org_a)])
    client.force_login(member)
    assert client.get(reverse("insights:forecast")).status_code == 403
    assert client.get(reverse("insights:expiry_register")).status_code == 403


def test_the_demo_forecast_names_next_march_and_beats_seasonal_naive(client, demo_org):
    """Gemeente Voorbeeld's driving-licence requests follow its expiry register, which has
    a planted peak next March (gehoord/demo/forecast_step.py)."""
    licence = demo_org_service(demo_org, "rijbewijs")
    result = DemandForecast.objects.get(
        organisation=demo_org, service=licence, granularity="month"
    ).result
    scores = {s["code"]: s for s in result["scores"]}
    assert result["uses_expiry"] and result["chosen"] != "seasonal_naive"
    assert scores[result["chosen"]]["mase"] < scores["seasonal_naive"]["mase"]
    peak = max(result["forecast"], key=lambda row: row["mean"])
    expected = peak_month(timezone.localdate())
    assert date.fromisoformat(peak["period"]) == expected
    analyst = Membership.objects.get(organisation=demo_org, role=Role.ANALYST).user
    client.force_login(analyst)
    page = client.get(reverse("insights:forecast"), {"dienst": licence.pk}).content.decode()
    assert f"maart {expected.year} verwachten we" in page
    weekly = DemandForecast.objects.get(organisation=demo_org, service=licence, granularity="week")
    assert weekly.result.get("forecast"), weekly.result.get("problem")


def demo_org_service(organisation, code):
    return Service.objects.get(organisation=organisation, code=code)
