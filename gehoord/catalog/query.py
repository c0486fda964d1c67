"""Reads of the catalogue for other apps (always for one organisation)."""

from django.db.models import QuerySet

from gehoord.tenancy.models import Membership, Organisation

from .limits import team_ids_of as team_ids_of
from .models import Journey, Provider, ProviderAccess, Service, Team, TeamAccess


def active_services(organisation: Organisation) -> QuerySet[Service]:
    return Service.objects.for_organisation(organisation).filter(archived_at__isnull=True)


def active_providers(organisation: Organisation) -> QuerySet[Provider]:
    return Provider.objects.for_organisation(organisation).filter(archived_at__isnull=True)


def first_service_with_providers(services: list[Service]) -> Service | None:
    """The service a provider comparison opens on: the first one that has providers at all
    (an alphabetically first service without providers would open on an empty page)."""
    with_providers = set(
        Provider.services.through.objects.filter(
            service__in=services, provider__archived_at__isnull=True
        ).values_list("service_id", flat=True)
    )
    return next((s for s in services if s.pk in with_providers), services[0] if services else None)


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


def teams_of(membership: Membership) -> QuerySet[Team]:
    """The teams `membership` is limited to (none: it sees every team)."""
    return Team.objects.filter(
        pk__in=TeamAccess.objects.filter(membership=membership).values("team_id")
    )
