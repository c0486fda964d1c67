"""The rollup tables have no foreign-key constraints in the database (they are derived
data); deleting what they point at must still delete or unlink their rows, through the ORM."""

import pytest

from gehoord.catalog.models import Provider, Team
from gehoord.insights import rollups
from gehoord.insights.models import DailyRollup, FigureRollup, SegmentRollup
from gehoord.tenancy.models import Organisation

pytestmark = pytest.mark.django_db

ROLLUPS = (DailyRollup, FigureRollup, SegmentRollup)


def test_deleting_a_provider_or_team_unlinks_its_rollup_rows(demo_org):
    rollups.rebuild(demo_org)
    team = Team.objects.get(
        pk=DailyRollup.objects.filter(organisation=demo_org)
        .exclude(team=None)
        .values_list("team", flat=True)[0]
    )
    provider = Provider.objects.get(
        pk=FigureRollup.objects.filter(organisation=demo_org)
        .exclude(provider=None)
        .values_list("provider", flat=True)[0]
    )
    before = {model: model.objects.filter(organisation=demo_org).count() for model in ROLLUPS}
    assert all(model.objects.filter(team=team).exists() for model in ROLLUPS)
    assert all(model.objects.filter(provider=provider).exists() for model in ROLLUPS)

    team_id, provider_id = team.pk, provider.pk
    team.delete()
    provider.delete()

    for model in ROLLUPS:
        assert not model.objects.filter(team_id=team_id).exists()
        assert not model.objects.filter(provider_id=provider_id).exists()
        # Unlinked (on_delete SET_NULL), not deleted.
        assert model.objects.filter(organisation=demo_org).count() == before[model]


def test_deleting_an_organisation_deletes_its_rollup_rows(demo_org):
    rollups.rebuild(demo_org)
    other = (
        Organisation.objects.exclude(pk=demo_org.pk)
        .filter(pk__in=DailyRollup.objects.values("organisation"))
        .first()
    )
    if other is None:  # the peers are rolled up too, so one stays behind
        other = Organisation.objects.exclude(pk=demo_org.pk).first()
        rollups.rebuild(other)
    others_before = {model: model.objects.filter(organisation=other).count() for model in ROLLUPS}
    assert all(model.objects.filter(organisation=demo_org).exists() for model in ROLLUPS)
    pk = demo_org.pk

    demo_org.delete()

    for model in ROLLUPS:
        assert not model.objects.filter(organisation_id=pk).exists()
        assert model.objects.filter(organisation=other).count() == others_before[model]
    assert others_before[DailyRollup] > 0
