from datetime import timedelta

from huey import crontab
from huey.contrib.djhuey import db_task

from gehoord.periodic import periodic_task
from gehoord.tenancy.models import Organisation

from . import driver_analysis, forecast, periods, retention_run, rollups, text
from .exports import tasks as export_tasks  # noqa: F401  (registers the export tasks)


@periodic_task(
    crontab(minute="*"),
    name="insights-rollup-refresh",
    every=timedelta(minutes=1),
    runs_up_to=timedelta(minutes=15),
)
def refresh_rollups() -> int:
    """Every minute: roll up responses that arrived; once a day the windows move on."""
    return rollups.refresh_all()


@periodic_task(
    crontab(hour="1", minute="45"),
    name="insights-rollup-reconcile",
    every=timedelta(days=1),
    runs_up_to=timedelta(hours=2),
)
def reconcile_rollups() -> int:
    """Nightly, before the analyses: catch responses committed too late for the minute
    refresh (per organisation, the rollup state row serialises it with that refresh)."""
    return rollups.reconcile_all()


@periodic_task(
    crontab(hour="2", minute="30"),
    name="insights-driver-analyses",
    every=timedelta(days=1),
    runs_up_to=timedelta(hours=3),
)
def compute_driver_analyses() -> int:
    return driver_analysis.compute_all()


@periodic_task(
    crontab(hour="2", minute="50"),
    name="insights-text-analyses",
    every=timedelta(days=1),
    runs_up_to=timedelta(hours=3),
)
def compute_text_analyses() -> int:
    """Nightly: text analytics of the rolling window, per organisation and service."""
    return text.compute_all()


@periodic_task(
    crontab(hour="3", minute="20"),
    name="insights-demand-forecasts",
    every=timedelta(days=1),
    runs_up_to=timedelta(hours=3),
)
def compute_forecasts() -> int:
    """Nightly: per service, the monthly and weekly demand forecast and its backtest."""
    return forecast.compute_all()


@periodic_task(
    crontab(hour=str(retention_run.RUN_AT.hour), minute=str(retention_run.RUN_AT.minute)),
    name="retention-apply",
    every=timedelta(days=1),
    runs_up_to=timedelta(hours=3),
)
def apply_retention() -> int:
    """Nightly: every retention period of every organisation (AVG); see retention_run."""
    return retention_run.apply_all()


@db_task()
def run_text_analysis(organisation_id: int, period_key: str, service_id: int | None) -> None:
    """On demand, for a period or service the nightly run does not cover."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is not None:
        text.compute(organisation, periods.parse(period_key), service_id)


@db_task()
def run_forecasts(organisation_id: int) -> None:
    """On demand (a new expiry register, or asked for on the screen)."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is not None:
        forecast.compute_for(organisation)
