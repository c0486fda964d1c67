import pytest

from .factories import build_questionnaire


@pytest.fixture
def questionnaire(org_a):
    return build_questionnaire(org_a)
