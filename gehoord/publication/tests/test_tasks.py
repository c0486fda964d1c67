"""The digest goes out once, on the first of the month."""

from datetime import datetime

import pytest

from gehoord.publication.tasks import send_monthly_digests


def test_schedule_is_the_first_of_the_month():
    task = send_monthly_digests.task_class()
    assert task.validate_datetime(datetime(2026, 2, 1, 6, 0))
    assert not task.validate_datetime(datetime(2026, 2, 2, 6, 0))
    assert not task.validate_datetime(datetime(2026, 2, 1, 7, 0))


@pytest.mark.django_db
def test_task_runs_locally_without_subscribers():
    assert send_monthly_digests.call_local() == 0
