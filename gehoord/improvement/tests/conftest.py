from datetime import date

import pytest

from gehoord.framework import service as framework_service
from gehoord.framework.models import Indicator, Question
from gehoord.insights.models import FigureRollup, Grain
from gehoord.insights.query import month_end


@pytest.fixture
def measured_org(org_a):
    """Org A with the standard bank installed and one questionnaire to hang rollups on."""
    framework_service.install_defaults(org_a)
    org_a.questionnaire = framework_service.create_questionnaire(org_a, "Q")
    return org_a


@pytest.fixture
def add_month():
    def add(organisation, code: str, start: date, n: int, total: float, total_sq: float,
            favourable: int = 0):
        question = Question.objects.get(organisation=organisation, code=code)
        return FigureRollup.objects.create(
            organisation=organisation, questionnaire=organisation.questionnaire,
            question=question, grain=Grain.MONTH, period_start=start,
            period_end=month_end(start), n=n, total=total, total_sq=total_sq,
            favourable=favourable)
    return add


@pytest.fixture
def indicator():
    def get(organisation, code):
        return Indicator.objects.get(organisation=organisation, code=code)
    return get
