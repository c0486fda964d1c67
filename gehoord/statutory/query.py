"""Reads of the statutory survey: plans, progress by channel and week, the public years."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from gehoord.insights import query as insights
from gehoord.surveys import query as survey_query
from gehoord.tenancy.models import Organisation

from .models import StatutoryYear


def plans(organisation: Organisation) -> QuerySet[StatutoryYear]:
    return StatutoryYear.objects.for_organisation(organisation).select_related(
        "organisation", "owner"
    )


def plan_questionnaire_ids(plan: StatutoryYear) -> list[int]:
    return sorted(plan.questionnaires.values_list("pk", flat=True))


def published_years(organisation: Organisation) -> QuerySet[StatutoryYear]:
    return plans(organisation).filter(published_at__isnull=False, status="closed")


@dataclass
class Progress:
    channels: list[str]
    # (ISO year-week label, {channel: responses}) in week order.
    weeks: list[tuple[str, dict[str, int]]]
    by_channel: dict[str, int]
    total: int


def progress(plan: StatutoryYear) -> Progress:
    """Responses to the plan's questionnaire in the plan's year, by channel and ISO week.
    Counts of responses only: no answer, and nothing that identifies anyone."""
    ids = plan_questionnaire_ids(plan)
    if not ids:
        return Progress([], [], {}, 0)
    start, end = insights.day_bounds(date(plan.year, 1, 1), date(plan.year, 12, 31))
    stamps = (
        survey_query.responses(plan.organisation)
        .filter(questionnaire_id__in=ids, submitted_at__gte=start, submitted_at__lt=end)
        .values_list("channel", "submitted_at")
    )
    weeks: dict[str, Counter] = {}
    by_channel: Counter = Counter()
    zone = timezone.get_current_timezone()
    for channel, submitted in stamps:
        year, week, _day = submitted.astimezone(zone).isocalendar()
        weeks.setdefault(f"{year}-W{week:02d}", Counter())[channel] += 1
        by_channel[channel] += 1
    channels = sorted(by_channel)
    return Progress(
        channels,
        [(key, dict(weeks[key])) for key in sorted(weeks)],
        dict(by_channel),
        sum(by_channel.values()),
    )
