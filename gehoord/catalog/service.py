"""Use cases of the catalogue: archive and restore records, save a journey with its stages."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.forms import BaseInlineFormSet
from django.utils import timezone
from django.utils.translation import gettext as _

from gehoord.tenancy.models import ApiKey, Membership
from gehoord.tenancy.roles import Role

from .forms import JourneyForm, StageForm
from .limits import UNLIMITED_ROLES, forget_team_ids
from .models import (
    ApiKeyTeam,
    Archivable,
    Journey,
    Provider,
    ProviderAccess,
    Stage,
    Team,
    TeamAccess,
)


def archive(record: Archivable) -> Archivable:
    """Hide a record from new work; existing figures keep referring to it."""
    if record.archived_at is None:
        record.archived_at = timezone.now()
        record.save(update_fields=["archived_at", "updated_at"])
    return record


def restore(record: Archivable) -> Archivable:
    if record.archived_at is not None:
        record.archived_at = None
        record.save(update_fields=["archived_at", "updated_at"])
    return record


@transaction.atomic
def save_journey(
    form: JourneyForm, stages: BaseInlineFormSet[Stage, Journey, StageForm]
) -> Journey:
    """Save a journey and its stages together, or nothing when either is invalid."""
    journey = form.save()
    stages.instance = journey
    stages.save(commit=False)
    for stage in stages.deleted_objects:
        stage.delete()
    for position, stage_form in enumerate(stages.ordered_forms, start=1):
        stage = stage_form.instance
        stage.journey = journey
        stage.position = position
        stage.save()
    return journey


@transaction.atomic
def grant_provider_access(membership: Membership, provider: Provider) -> ProviderAccess:
    """Let a provider user see one provider of their own organisation."""
    if membership.role != Role.PROVIDER_USER:
        raise ValidationError(_("Only provider users are linked to a provider."))
    if provider.organisation_id != membership.organisation_id:
        raise ValidationError(_("This provider belongs to another organisation."))
    access, _created = ProviderAccess.objects.update_or_create(
        membership=membership, defaults={"provider": provider}
    )
    return access


@transaction.atomic
def set_team_access(membership: Membership, teams: Iterable[Team]) -> list[Team]:
    """Limit `membership` to `teams` (none: every team again).

    Each access granted or taken away is its own row, so the audit log shows who changed
    which team.
    """
    wanted = {team.pk: team for team in teams}
    if wanted and membership.role in UNLIMITED_ROLES:
        raise ValidationError(_("Administrators and provider users are not limited to teams."))
    if any(team.organisation_id != membership.organisation_id for team in wanted.values()):
        raise ValidationError(_("This team belongs to another organisation."))
    current = {access.team_id: access for access in membership.team_accesses.all()}
    for team_id, access in current.items():
        if team_id not in wanted:
            access.delete()
    for team_id, team in wanted.items():
        if team_id not in current:
            TeamAccess.objects.create(membership=membership, team=team)
    forget_team_ids(membership)
    return sorted(wanted.values(), key=lambda team: team.name)


@transaction.atomic
def set_api_key_teams(api_key: ApiKey, teams: Iterable[Team]) -> list[Team]:
    """Limit `api_key` to `teams` (none: the whole organisation again); one row per team,
    so the audit log shows who changed which."""
    wanted = {team.pk: team for team in teams}
    if any(team.organisation_id != api_key.organisation_id for team in wanted.values()):
        raise ValidationError(_("This team belongs to another organisation."))
    current = {limit.team_id: limit for limit in ApiKeyTeam.objects.filter(api_key=api_key)}
    for team_id, limit in current.items():
        if team_id not in wanted:
            limit.delete()
    for team_id, team in wanted.items():
        if team_id not in current:
            ApiKeyTeam.objects.create(api_key=api_key, team=team)
    return sorted(wanted.values(), key=lambda team: team.name)
