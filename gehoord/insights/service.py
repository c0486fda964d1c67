"""Use cases of the insights app for other apps, commands and the demo."""

from datetime import date

from gehoord.catalog.models import Service
from gehoord.tenancy.models import Organisation

from . import driver_analysis, expiry_import, forecast, rollups, tasks, text
from .exports.requests import request_export as request_export
from .periods import Period
from .retention import purge_text_analyses as purge_text_analyses


def rebuild_rollups(organisation: Organisation) -> None:
    rollups.rebuild(organisation)


def compute_driver_analyses(organisation: Organisation) -> int:
    return driver_analysis.compute_for(organisation)


def compute_text_analyses(organisation: Organisation) -> int:
    return text.compute_for(organisation)


def request_text_analysis(
    organisation: Organisation, period: Period, service_id: int | None
) -> None:
    """Queue the text analysis of a period or service the nightly run does not cover."""
    tasks.run_text_analysis(organisation.pk, period.key, service_id)


def compute_forecasts(organisation: Organisation) -> int:
    """Fit and store the demand forecasts of every service with events (seconds each)."""
    return forecast.compute_for(organisation)


def compute_forecast(
    organisation: Organisation, service: Service, today: date | None = None
) -> int:
    """The monthly and weekly forecast of one service (the demo, after seeding it)."""
    return forecast.compute(organisation, service, today)


def request_forecasts(organisation: Organisation) -> None:
    """Queue the forecasts of the organisation (after an upload, or asked for on screen)."""
    tasks.run_forecasts(organisation.pk)


def import_expiry_counts(organisation: Organisation, upload: bytes):
    """The expiry register's CSV import (good rows stored, bad rows reported)."""
    return expiry_import.import_expiry_counts(organisation, upload)
