from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task, lock_task

from gehoord.tenancy.models import Organisation

from . import driver_analysis, periods, rollups, text
from .exports import tasks as export_tasks  # noqa: F401  (registers the export tasks)


@db_periodic_task(crontab(minute="*"))
@lock_task("insights-rollup-refresh")
def refresh_rollups() -> int:
    """Every minute: roll up responses that arrived; once a day the windows move on."""
    return rollups.refresh_all()


@db_periodic_task(crontab(hour="1", minute="45"))
@lock_task("insights-rollup-reconcile")
def reconcile_rollups() -> int:
    """Nightly, before the analyses: catch responses committed too late for the minute
    refresh (per organisation, the rollup state row serialises it with that refresh)."""
    return rollups.reconcile_all()


@db_periodic_task(crontab(hour="2", minute="30"))
@lock_task("insights-driver-analyses")
def compute_driver_analyses() -> int:
    return driver_analysis.compute_all()


@db_periodic_task(crontab(hour="2", minute="50"))
@lock_task("insights-text-analyses")
def compute_text_analyses() -> int:
    """Nightly: text analytics of the rolling window, per organisation and service."""
    return text.compute_all()


@db_task()
def run_text_analysis(organisation_id: int, period_key: str, service_id: int | None) -> None:
    """On demand, for a period or service the nightly run does not cover."""
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is not None:
        text.compute(organisation, periods.parse(period_key), service_id)
