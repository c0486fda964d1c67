"""How long open answers are kept: the text is blanked after the retention period.

An open answer is pseudonymous, but residents write what they like in it (names, case
details), so its text is kept only for the organisation's `retention_days_open_answers`.
The answer row stays (blank), so the response keeps its other answers and any theme codes
given to the text; counts of responses and figures do not change.
"""

from datetime import datetime

from django.db.models import QuerySet

from gehoord.framework.question_types import QuestionType
from gehoord.tenancy.models import Organisation

from .models import Answer


def expired_open_answers(organisation: Organisation, before: datetime) -> QuerySet[Answer]:
    """Non-blank open answers of responses submitted before `before`."""
    return Answer.objects.filter(
        response__organisation=organisation,
        response__submitted_at__lt=before,
        item__type=QuestionType.OPEN_TEXT,
    ).exclude(value_text="")


def blank_open_answers(
    organisation: Organisation, before: datetime, *, dry_run: bool = False
) -> int:
    """Blank the text of the expired open answers; how many. With `dry_run`, only count."""
    answers = expired_open_answers(organisation, before)
    if dry_run:
        return answers.count()
    # update() on the ids: a join in an UPDATE is not portable (SQLite, PostgreSQL).
    return Answer.objects.filter(pk__in=answers.values("pk")).update(value_text="")
