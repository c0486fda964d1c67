"""Reads of the improvement app for other apps and for its own screens."""

from django.db.models import QuerySet

from gehoord.tenancy.models import Organisation

from .models import Action, Goal, MaturityScan, Practice, PublishedImprovement, Status


def actions(organisation: Organisation) -> QuerySet[Action]:
    return (Action.objects.for_organisation(organisation)
            .select_related("owner", "team", "indicator"))


def finished_actions(organisation: Organisation) -> QuerySet[Action]:
    return actions(organisation).filter(status__in=[Status.DONE, Status.MEASURED])


def goals(organisation: Organisation) -> QuerySet[Goal]:
    return Goal.objects.for_organisation(organisation).select_related("indicator")


def published_improvements(organisation: Organisation) -> QuerySet[PublishedImprovement]:
    """Only what staff published, for the public page and feed."""
    return (PublishedImprovement.objects.for_organisation(organisation)
            .filter(published=True).select_related("action", "organisation"))


def scans(organisation: Organisation) -> QuerySet[MaturityScan]:
    return MaturityScan.objects.for_organisation(organisation)


def shared_practices(indicator_code: str, organisations) -> QuerySet[Practice]:
    return (Practice.objects.filter(shared=True, indicator_code=indicator_code,
                                    organisation__in=organisations)
            .select_related("organisation"))
