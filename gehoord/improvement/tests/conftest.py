from datetime import date

import pytest

from gehoord.framework import service as framework_service
from gehoord.framework.models import Indicator
from gehoord.insights.models import Grain
from gehoord.insights.query import Period, month_end
from gehoord.insights.tests.factories import make_rollup


@pytest.fixture
def measured_org(org_a):
    """Org A with the standard bank installed and one questionnaire to hang rollups on."""
    framework_service.install_defaults(org_a)
    org_a.questionnaire = framework_service.create_questionnaire(org_a, "Q")
    return org_a


@pytest.fixture
def add_month():
    def add(
        organisation,
        code: str,
        start: date,
        n: int,
        total: float,
        total_sq: float,
        favourable: int = 0,
        **fields,
    ):
        return make_rollup(
            organisation.questionnaire,
            n,
            total,
            total_sq,
            code=code,
            grain=Grain.MONTH,
            period=Period("month", start, month_end(start)),
            favourable=favourable,
            **fields,
        )

    return add


@pytest.fixture
def indicator():
    def get(organisation, code):
        return Indicator.objects.get(organisation=organisation, code=code)

    return get
