"""The periodic tasks run when they should and call the use cases."""

from datetime import datetime

import pytest

from gehoord.feedback.tasks import pick_up_responses


def test_schedules():
    pick_up = pick_up_responses.task_class()
    for minute in (0, 1, 37, 59):
        assert pick_up.validate_datetime(datetime(2026, 1, 5, 9, minute))


@pytest.mark.django_db
def test_tasks_run_locally():
    assert pick_up_responses.call_local() == 0
