"""Demand forecasts per service, per month and per week (stored; the screen only reads).

The demand of a service is its number of service events per period: the "started" events
when the service has any (a request), else the "completed" ones. The history runs from the
first event's period up to the last complete period before today; periods without events
count as 0. The expiry register (`ExpiryCount`, summed over document types) is the leading
indicator: when it covers the whole history and the horizon, the candidates that use it
compete in the backtest; a week gets its months' counts pro rata by day.

Each series is forecast by the candidate that won its rolling-origin backtest
(`forecast_backtest`), refitted on the whole history. Computed nightly (`tasks`) or on
request; a fit takes seconds, never a page load.
"""

import calendar
import logging
from collections import defaultdict
from datetime import date, timedelta

import numpy as np
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.catalog import query as catalog_query
from gehoord.catalog.models import Service
from gehoord.outreach import query as outreach_query
from gehoord.outreach.models import EventKind
from gehoord.tenancy.models import Organisation

from . import forecast_backtest as backtest
from .forecast_models import MONTHLY, WEEKLY, Candidate
from .models_forecast import DemandForecast, ExpiryCount, Granularity

log = logging.getLogger(__name__)

# Periods ahead, periods per backtest forecast, backtest origins, season length.
SETTINGS = {
    Granularity.MONTH: {"horizon": 12, "h": 3, "folds": 4, "m": 12, "candidates": MONTHLY},
    Granularity.WEEK: {"horizon": 26, "h": 4, "folds": 4, "m": 52, "candidates": WEEKLY},
}
_WEEK_ZERO = date(2000, 1, 3)  # a Monday: absolute week numbers for the Fourier terms


def month_start(day: date) -> date:
    return day.replace(day=1)


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def periods_between(first: date, last: date, granularity: str) -> list[date]:
    """Every period start from `first` to `last` inclusive."""
    out, current = [], first
    while current <= last:
        out.append(current)
        current = _step(current, granularity)
    return out


def _step(day: date, granularity: str) -> date:
    return next_month(day) if granularity == Granularity.MONTH else day + timedelta(7)


def future_periods(after: date, count: int, granularity: str) -> list[date]:
    out, current = [], after
    for _i in range(count):
        current = _step(current, granularity)
        out.append(current)
    return out


def daily_demand(organisation: Organisation, service: Service) -> dict[date, int]:
    """Events per day of the service's request kind (started, else completed)."""
    events = outreach_query.events(organisation).filter(service=service)
    kind = (
        EventKind.STARTED if events.filter(kind=EventKind.STARTED).exists() else EventKind.COMPLETED
    )
    rows = events.filter(kind=kind).values("occurred_on").annotate(n=Count("pk"))
    return {row["occurred_on"]: row["n"] for row in rows.order_by()}


def monthly_expiry(organisation: Organisation, service: Service) -> dict[date, int]:
    rows = (
        ExpiryCount.objects.for_organisation(organisation)
        .filter(service=service)
        .values("month")
        .annotate(total=Sum("count"))
        .order_by()
    )
    return {row["month"]: row["total"] for row in rows}


def _expiry_for(periods: list[date], months: dict[date, int], granularity: str) -> list | None:
    """The expiry count of every period, or None when the register misses one of them."""
    values = []
    for start in periods:
        if granularity == Granularity.MONTH:
            if start not in months:
                return None
            values.append(float(months[start]))
            continue
        total = 0.0
        for offset in range(7):
            day = start + timedelta(offset)
            month = month_start(day)
            if month not in months:
                return None
            total += months[month] / calendar.monthrange(day.year, day.month)[1]
        values.append(total)
    return values


def series(
    organisation: Organisation, service: Service, granularity: str, today: date
) -> tuple[list[date], list[int]]:
    """(period starts, demand) up to the last complete period before today; weeks start
    at the first whole week."""
    days = daily_demand(organisation, service)
    if not days:
        return [], []
    bucket = month_start if granularity == Granularity.MONTH else week_start
    counts: dict[date, int] = defaultdict(int)
    for day, n in days.items():
        counts[bucket(day)] += n
    last = bucket(today) - timedelta(days=1)
    first = bucket(min(days))
    if granularity == Granularity.WEEK and first != min(days):
        first += timedelta(days=7)  # a week only from its Monday: the first may be partial
    periods = periods_between(first, bucket(last), granularity)
    return periods, [counts.get(p, 0) for p in periods]


def forecast_series(
    periods: list[date],
    values: list[int],
    granularity: str,
    expiry_months: dict[date, int] | None = None,
) -> dict:
    """Backtest the candidates on the series, refit the winner, forecast the horizon."""
    config = SETTINGS[granularity]
    horizon, m = config["horizon"], config["m"]
    candidates: list[Candidate] = config["candidates"]
    history = [{"period": p.isoformat(), "value": v} for p, v in zip(periods, values, strict=True)]
    if len(values) < candidates[0].min_train + config["h"]:
        return {
            "history": history,
            "problem": _("Too little history: at least %(n)d periods with events are needed.")
            % {"n": candidates[0].min_train + config["h"]},
        }
    ahead = future_periods(periods[-1], horizon, granularity)
    everything = periods + ahead
    expiry = _expiry_for(everything, expiry_months or {}, granularity)
    index = np.array([(p - _WEEK_ZERO).days // 7 for p in everything], float)
    y = np.asarray(values, float)
    inputs = backtest.Inputs(y=y, m=m, index=index, expiry=np.array(expiry) if expiry else None)
    scores, chosen = backtest.backtest(candidates, inputs, config["h"], config["folds"])
    by_code = {c.code: c for c in candidates}
    if chosen is None:
        return {"history": history, "problem": _("No model could be fitted to this series.")}
    prediction = backtest.predict(by_code[chosen.code], inputs, len(y), horizon)
    forecast = [
        {
            "period": p.isoformat(),
            "mean": round(float(prediction.mean[i]), 1),
            "low80": round(float(prediction.low80[i]), 1),
            "high80": round(float(prediction.high80[i]), 1),
            "low95": round(float(prediction.low95[i]), 1),
            "high95": round(float(prediction.high95[i]), 1),
            "expiry": round(expiry[len(periods) + i]) if expiry else None,
        }
        for i, p in enumerate(ahead)
    ]
    return {
        "history": history,
        "forecast": forecast,
        "scores": [s.as_dict() for s in scores],
        "chosen": chosen.code,
        "uses_expiry": expiry is not None,
        "backtest": {
            "h": config["h"],
            "origins": len(
                backtest.origins(len(y), config["h"], config["folds"], candidates[0].min_train)
            ),
        },
    }


def compute(organisation: Organisation, service: Service, today: date | None = None) -> int:
    """Compute and store the monthly and weekly forecast of one service; returns how many
    series were stored."""
    today = today or timezone.localdate()
    expiry_months = monthly_expiry(organisation, service)
    stored = 0
    for granularity in (Granularity.MONTH, Granularity.WEEK):
        periods, values = series(organisation, service, granularity, today)
        if not periods:
            DemandForecast.objects.filter(
                organisation=organisation, service=service, granularity=granularity
            ).delete()
            continue
        result = forecast_series(periods, values, granularity, expiry_months)
        with transaction.atomic():
            DemandForecast.objects.update_or_create(
                organisation=organisation,
                service=service,
                granularity=granularity,
                defaults={"result": result},
            )
        stored += 1
    return stored


def compute_for(organisation: Organisation, today: date | None = None) -> int:
    """Every active service of the organisation that has events."""
    with_events = set(
        outreach_query.events(organisation).values_list("service_id", flat=True).distinct()
    )
    stored = 0
    for service in catalog_query.active_services(organisation):
        if service.pk in with_events:
            stored += compute(organisation, service, today)
    return stored


def compute_all() -> int:
    return sum(compute_for(organisation) for organisation in Organisation.objects.all())
