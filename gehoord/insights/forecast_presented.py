"""A stored forecast as the screen shows it: rows, the backtest against seasonal naive,
the expected peaks in words and the staff hours a week needs. Reads `DemandForecast` only,
never fits a model."""

from dataclasses import dataclass
from datetime import date

from django.utils import formats
from django.utils.translation import gettext as _

from gehoord.catalog.models import Service
from gehoord.formatting import format_number, format_percent
from gehoord.tenancy.models import Organisation

from .forecast_models import MONTHLY, WEEKLY
from .models_forecast import DemandForecast, Granularity

LABELS = {
    Granularity.MONTH: {c.code: c.label for c in MONTHLY},
    Granularity.WEEK: {c.code: c.label for c in WEEKLY},
}
NAIVE = "seasonal_naive"
# Default handling time per request, in minutes (changeable on the screen).
DEFAULT_MINUTES = 20
MINUTES_PER_HOUR = 60
# A month is named a peak when its forecast is at least this much above the horizon's mean.
PEAK_RATIO = 1.15
MAX_PEAKS = 3


@dataclass
class ScoreRow:
    label: str
    mase: float
    mape: float | None
    coverage80: float
    coverage95: float
    chosen: bool
    naive: bool


def stored(organisation: Organisation, service: Service, granularity: str) -> DemandForecast | None:
    return (
        DemandForecast.objects.for_organisation(organisation)
        .filter(service=service, granularity=granularity)
        .first()
    )


def services_with_forecasts(organisation: Organisation) -> list[int]:
    return list(
        DemandForecast.objects.for_organisation(organisation)
        .values_list("service_id", flat=True)
        .distinct()
        .order_by()
    )


def period_label(period: str, granularity: str) -> str:
    day = date.fromisoformat(period)
    if granularity == Granularity.MONTH:
        # "E": the month's name as in a date ("maart 2027"), from Django's own catalogue.
        return formats.date_format(day, "E Y", use_l10n=True)
    return _("week of %(date)s") % {"date": formats.date_format(day, "j b Y", use_l10n=True)}


def score_rows(result: dict, granularity: str) -> list[ScoreRow]:
    labels = LABELS[granularity]
    rows = [
        ScoreRow(
            label=str(labels.get(s["code"], s["code"])),
            mase=s["mase"],
            mape=s["mape"],
            coverage80=s["coverage80"],
            coverage95=s["coverage95"],
            chosen=s["code"] == result.get("chosen"),
            naive=s["code"] == NAIVE,
        )
        for s in result.get("scores", [])
    ]
    return sorted(rows, key=lambda r: (not r.chosen, not r.naive, r.mase))


def backtest_summary(result: dict, granularity: str) -> str:
    """One sentence: the chosen model's error beside the seasonal-naive one."""
    scores = {s["code"]: s for s in result.get("scores", [])}
    chosen, naive = scores.get(result.get("chosen", "")), scores.get(NAIVE)
    if chosen is None or naive is None:
        return ""
    label = LABELS[granularity].get(chosen["code"], chosen["code"])
    if chosen["code"] == NAIVE:
        return _(
            "No model beat “same period last year” in the backtest, so that is the forecast "
            "(MASE %(mase)s, MAPE %(mape)s)."
        ) % {"mase": format_number(naive["mase"], 2), "mape": format_percent(naive["mape"], 1)}
    return _(
        "Chosen: %(model)s. In the backtest it was off by %(mape)s on average (MAPE), "
        "against %(naive_mape)s for “same period last year”; MASE %(mase)s against "
        "%(naive_mase)s."
    ) % {
        "model": label,
        "mape": format_percent(chosen["mape"], 1),
        "naive_mape": format_percent(naive["mape"], 1),
        "mase": format_number(chosen["mase"], 2),
        "naive_mase": format_number(naive["mase"], 2),
    }


def peaks(result: dict, service_name: str) -> list[str]:
    """The months of the horizon well above its average, in words, in time order."""
    forecast = result.get("forecast") or []
    if not forecast:
        return []
    average = sum(row["mean"] for row in forecast) / len(forecast)
    if average <= 0:
        return []
    high = [row for row in forecast if row["mean"] >= PEAK_RATIO * average]
    high = sorted(sorted(high, key=lambda r: -r["mean"])[:MAX_PEAKS], key=lambda r: r["period"])
    expiry_average = (
        sum(row["expiry"] for row in forecast) / len(forecast) if result.get("uses_expiry") else 0
    )
    sentences = []
    for row in high:
        sentence = _(
            "In %(month)s we expect %(pct)s more requests for %(service)s than on average "
            "(about %(mean)s instead of %(average)s; 80%% interval %(low)s to %(high)s)."
        ) % {
            "month": period_label(row["period"], Granularity.MONTH),
            "pct": format_percent((row["mean"] / average - 1) * 100),
            "service": service_name,
            "mean": format_number(row["mean"]),
            "average": format_number(average),
            "low": format_number(row["low80"]),
            "high": format_number(row["high80"]),
        }
        if expiry_average and row["expiry"] and row["expiry"] > expiry_average:
            sentence += " " + _(
                "The expiry register shows %(count)s documents expiring that month."
            ) % {"count": format_number(row["expiry"])}
        sentences.append(sentence)
    return sentences


def forecast_rows(result: dict, granularity: str, minutes: int) -> list[dict]:
    """The table: period, forecast, intervals and (per week) the staff hours needed."""
    rows = []
    for row in result.get("forecast") or []:
        rows.append(
            {
                **row,
                "label": period_label(row["period"], granularity),
                "hours": row["mean"] * minutes / MINUTES_PER_HOUR,
                "hours_high80": row["high80"] * minutes / MINUTES_PER_HOUR,
            }
        )
    return rows
