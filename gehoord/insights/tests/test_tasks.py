"""The worker's periodic jobs: roll up new responses every minute, analyse drivers nightly."""

from datetime import datetime

import pytest
from django.core.management import call_command

from gehoord.insights import tasks
from gehoord.insights.models import DailyRollup, DriverAnalysis, RollupState

pytestmark = pytest.mark.django_db


def test_schedules_every_minute_and_nightly():
    some_minute = datetime(2026, 11, 23, 14, 7)
    assert tasks.refresh_rollups.task_class().validate_datetime(some_minute)
    assert not tasks.compute_driver_analyses.task_class().validate_datetime(some_minute)
    nightly = tasks.compute_driver_analyses.task_class()
    assert nightly.validate_datetime(datetime(2026, 11, 23, 2, 30))
    reconcile = tasks.reconcile_rollups.task_class()
    assert reconcile.validate_datetime(datetime(2026, 11, 23, 1, 45))
    assert not reconcile.validate_datetime(some_minute)


def test_refresh_and_analyses_run_as_the_worker_runs_them(demo_org):
    DailyRollup.objects.all().delete()
    RollupState.objects.all().delete()
    DriverAnalysis.objects.all().delete()
    tasks.refresh_rollups.call_local()
    assert DailyRollup.objects.filter(organisation=demo_org).exists()
    assert tasks.compute_driver_analyses.call_local() >= 1
    assert DriverAnalysis.objects.filter(
        organisation=demo_org, service=None, provider=None
    ).exists()


def test_rollup_command_rebuilds_one_organisation(demo_org, capsys):
    DailyRollup.objects.all().delete()
    call_command("rollup", "--rebuild", "--org", demo_org.slug)
    assert "rebuilt" in capsys.readouterr().out
    assert DailyRollup.objects.filter(organisation=demo_org).exists()
