"""Reads of the catalogue for other apps (always for one organisation)."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest

from gehoord.tenancy.models import Membership, Organisation
from gehoord.tenancy.scoping import OrganisationScopedForm

from .limits import limit_to_key as limit_to_key
from .limits import team_ids_of as team_ids_of
from .limits import team_ids_of_key as team_ids_of_key
from .models import ApiKeyTeam, Journey, Provider, ProviderAccess, Service, Team, TeamAccess


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


def is_team_limited(membership: Membership | None) -> bool:
    return membership is not None and team_ids_of(membership) is not None


def require_whole_organisation(request: HttpRequest) -> None:
    """403 for a member limited to teams: the page shows figures of the whole organisation
    (providers, peers, exports, the digest), which would tell them about other teams."""
    if is_team_limited(getattr(request, "membership", None)):
        raise PermissionDenied


def require_own_team(form: OrganisationScopedForm) -> None:
    """A member limited to teams must file a record under one of them (one without a team
    would be out of their own reach at once); the choice is already only their teams."""
    if is_team_limited(form.membership):
        form.fields["team"].required = True


def teams_of(membership: Membership) -> QuerySet[Team]:
    """The teams `membership` is limited to (none: it sees every team)."""
    return Team.objects.filter(
        pk__in=TeamAccess.objects.filter(membership=membership).values("team_id")
    )


def teams_of_key(api_key) -> QuerySet[Team]:
    """The teams an API key is limited to (none: every team)."""
    return Team.objects.filter(
        pk__in=ApiKeyTeam.objects.filter(api_key=api_key).values("team_id")
    ).order_by("name")
