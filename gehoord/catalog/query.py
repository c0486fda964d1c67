"""Reads of the catalogue for other apps (always for one organisation)."""

from django.db.models import QuerySet

from gehoord.tenancy.models import Membership, Organisation

from .models import Journey, Provider, ProviderAccess, Service, Team


def active_services(organisation: Organisation) -> QuerySet[Service]:
    return Service.objects.for_organisation(organisation).filter(archived_at__isnull=True)


def active_providers(organisation: Organisation) -> QuerySet[Provider]:
    return Provider.objects.for_organisation(organisation).filter(archived_at__isnull=True)


def providers_of_service(service: Service) -> QuerySet[Provider]:
    return service.providers.filter(archived_at__isnull=True)


def active_teams(organisation: Organisation) -> QuerySet[Team]:
    return Team.objects.for_organisation(organisation).filter(archived_at__isnull=True)


def journeys_with_stages(organisation: Organisation) -> QuerySet[Journey]:
    return (
        Journey.objects.for_organisation(organisation)
        .filter(archived_at__isnull=True)
        .prefetch_related("stages")
    )


def provider_of(membership: Membership) -> Provider | None:
    """The provider a provider user may see, or None for other members."""
    access = ProviderAccess.objects.select_related("provider").filter(membership=membership).first()
    return access.provider if access else None
