"""Reads of the improvement app for other apps and for its own screens."""

from datetime import date

from django.db.models import QuerySet

from gehoord.catalog.models import Team
from gehoord.insights import query as insights_query
from gehoord.tenancy.models import Organisation

from .models import Action, Goal, MaturityScan, Practice, PublishedImprovement, Status
from .pillars import PILLARS, STATEMENTS


def actions(organisation: Organisation) -> QuerySet[Action]:
    return Action.objects.for_organisation(organisation).select_related(
        "owner", "team", "indicator"
    )


def finished_actions(organisation: Organisation) -> QuerySet[Action]:
    return actions(organisation).filter(status__in=[Status.DONE, Status.MEASURED])


def goals(organisation: Organisation) -> QuerySet[Goal]:
    return Goal.objects.for_organisation(organisation).select_related("indicator")


def published_improvements(organisation: Organisation) -> QuerySet[PublishedImprovement]:
    """Only what staff published, for the public page and feed."""
    return (
        PublishedImprovement.objects.for_organisation(organisation)
        .filter(published=True)
        .select_related("action", "organisation")
    )


def scans(organisation: Organisation) -> QuerySet[MaturityScan]:
    return MaturityScan.objects.for_organisation(organisation)


def maturity_pillar_codes() -> list[str]:
    """The pillars of the maturity scan (targets are set per pillar)."""
    return list(PILLARS)


def maturity_statement_codes() -> list[str]:
    """The statements of the maturity scan (respondents answer a level per statement)."""
    return list(STATEMENTS)


def shared_practices(indicator_codes, organisations) -> dict[str, list[Practice]]:
    """Indicator code → practices the organisations shared for it, in one query."""
    result: dict[str, list[Practice]] = {}
    for practice in Practice.objects.filter(
        shared=True, indicator_code__in=list(indicator_codes), organisation__in=organisations
    ).select_related("organisation"):
        result.setdefault(practice.indicator_code, []).append(practice)
    return result


def actions_for_digest(
    organisation: Organisation, start: date, end: date, team: Team | None = None
) -> tuple[list[Action], list[Action]]:
    """(actions created, actions finished) from `start` to `end` inclusive, for the digest."""
    rows = Action.objects.filter(organisation=organisation)
    if team is not None:
        rows = rows.filter(team=team)
    first, after_last = insights_query.day_bounds(start, end)
    new = rows.filter(created_at__gte=first, created_at__lt=after_last)
    done = rows.filter(done_on__gte=start, done_on__lte=end)
    return list(new.order_by("title")), list(done.order_by("done_on", "title"))
