"""The demo step fills every part of the improvement app, and a second run adds nothing."""

import pytest

from gehoord.demo.build import seed, spec_for
from gehoord.improvement import maturity
from gehoord.improvement.effect import effect_of
from gehoord.improvement.models import (
    Action,
    Goal,
    MaturityScan,
    Practice,
    PublishedImprovement,
    Status,
)

pytestmark = pytest.mark.django_db


def test_demo_step_fills_goals_actions_publications_scans_and_practices():
    org = seed(spec_for("heideburg"), volume=0.05).organisation
    actions = Action.objects.filter(organisation=org)
    assert set(actions.values_list("status", flat=True)) == set(Status.values)
    assert actions.filter(blocked=True).exists()
    assert Goal.objects.filter(organisation=org).count() == 3
    published = PublishedImprovement.objects.filter(organisation=org, published=True)
    assert len(set(published.values_list("year", "quarter"))) == 2
    scans = MaturityScan.objects.filter(organisation=org)
    assert scans.count() == 2
    assert all(s.mean for s in maturity.scores(scans.first()))
    assert Practice.objects.filter(organisation=org, shared=True).count() >= 2
    measured = actions.filter(status=Status.MEASURED).first()
    effect = effect_of(org, measured.indicator.code, measured.done_on, measured.effect_months)
    assert sum(m.figure.n for m in effect.months if m.position < 0) > 0
    assert sum(m.figure.n for m in effect.months if m.position > 0) > 0
    seed(spec_for("heideburg"), volume=0.05)
    assert Action.objects.filter(organisation=org).count() == actions.count()
