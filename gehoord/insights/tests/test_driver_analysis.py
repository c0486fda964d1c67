"""Key drivers on the demo data recover the order of the weights planted in the generator."""

import pytest

from gehoord.catalog.models import Service
from gehoord.demo.build import seed, spec_for
from gehoord.demo.survey_data import PLANTED_WEIGHTS
from gehoord.insights import driver_analysis, periods
from gehoord.insights.models import DriverAnalysis

pytestmark = pytest.mark.django_db


def test_relative_weights_recover_the_planted_driver_order(db):
    organisation = seed(spec_for("voorbeeld"), volume=0.3).organisation
    end = periods.today()
    matrix = driver_analysis.respondent_matrix(organisation, periods.add_months(end, -24), end)
    result, problem = driver_analysis.analyse(matrix)
    assert problem == ""
    found = [w["driver"] for w in result["weights"]]
    planted = sorted(PLANTED_WEIGHTS, key=PLANTED_WEIGHTS.get, reverse=True)
    print(
        f"\nn={result['n']} R²={result['r_squared']:.3f} "
        + ", ".join(f"{w['driver']} {w['share']:.1%}" for w in result["weights"])
    )
    assert found == planted
    for weight in result["weights"]:
        assert weight["ci_low"] <= weight["share"] <= weight["ci_high"]
    fix_first = {w["driver"] for w in result["weights"] if w["quadrant"] == "fix_first"}
    assert fix_first <= {"speed", "treatment"}


def test_stored_analyses_per_scope_and_a_clear_reason_when_n_is_too_small(demo_org):
    assert driver_analysis.compute_for(demo_org) > 2
    whole = driver_analysis.latest(demo_org)
    assert whole.n >= driver_analysis.MINIMUM_ROWS and whole.weights and not whole.problem
    service = Service.objects.filter(organisation=demo_org).order_by("pk").first()
    small = driver_analysis.compute(demo_org, service=service)
    if small.n < driver_analysis.MINIMUM_ROWS:
        assert small.weights == [] and "Too few" in small.problem
    assert DriverAnalysis.objects.filter(organisation=demo_org, service=service).count() == 1
