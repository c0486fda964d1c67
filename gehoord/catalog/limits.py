"""Team scope: a membership limited to one or more teams sees only those teams' records.

Tenancy's views and forms call `tenancy.scoping.limit_to_member`; the catalogue, which
owns teams, registers `limit_to_teams` there (`CatalogConfig.ready`), so tenancy need not
know teams. A model joins in by naming the path to its team (`team_path = "team"`);
records of another team, and records without a team, are then out of reach of a
team-limited member: a list leaves them out and a detail or edit page answers 404.

An API key can be limited to teams the same way (`ApiKeyTeam`): the API's parts that read
or file team records ask `team_ids_of_key` and `limit_to_key`.
"""

from __future__ import annotations

from django.db.models import QuerySet

from gehoord.tenancy.models import ApiKey, Membership
from gehoord.tenancy.roles import Role

from .models import ApiKeyTeam, TeamAccess

# Administrators configure the limits and need the whole organisation; provider users are
# limited to their provider instead (`ProviderAccess`).
UNLIMITED_ROLES = frozenset({Role.ADMINISTRATOR, Role.PROVIDER_USER})
_CACHE = "_gehoord_team_ids"


def team_ids_of(membership: Membership) -> frozenset[int] | None:
    """The teams `membership` is limited to, or None when it sees every team.

    Read once per membership object (the middleware loads it fresh on each request).
    """
    if membership.role in UNLIMITED_ROLES:
        return None
    cached = membership.__dict__.get(_CACHE, False)
    if cached is False:
        ids = frozenset(
            TeamAccess.objects.filter(membership=membership).values_list("team_id", flat=True)
        )
        cached = ids or None
        membership.__dict__[_CACHE] = cached
    return cached


def forget_team_ids(membership: Membership) -> None:
    membership.__dict__.pop(_CACHE, None)


def limit_to_teams(queryset: QuerySet, membership: Membership) -> QuerySet:
    path = getattr(queryset.model, "team_path", None)
    if path is None:
        return queryset
    team_ids = team_ids_of(membership)
    if team_ids is None:
        return queryset
    return queryset.filter(**{f"{path}__in": sorted(team_ids)})


def team_ids_of_key(api_key: ApiKey) -> frozenset[int] | None:
    """The teams an API key is limited to, or None when it works for every team."""
    ids = frozenset(ApiKeyTeam.objects.filter(api_key=api_key).values_list("team_id", flat=True))
    return ids or None


def limit_to_key(queryset: QuerySet, team_ids: frozenset[int] | None) -> QuerySet:
    """`queryset` limited to the teams of an API key (`team_ids_of_key`): as for a member,
    records of other teams and records without a team are left out."""
    path = getattr(queryset.model, "team_path", None)
    if path is None or team_ids is None:
        return queryset
    return queryset.filter(**{f"{path}__in": sorted(team_ids)})
