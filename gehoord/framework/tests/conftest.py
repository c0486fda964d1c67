"""Staff screens of the framework: questionnaires, the builder, the preview and the bank."""

import pytest

from gehoord.framework import service
from gehoord.framework.tests.factories import install_bank
from gehoord.tenancy.roles import Role


@pytest.fixture
def bank(org_a):
    return install_bank(org_a)


@pytest.fixture
def analyst(client, make_member, org_a):
    client.force_login(make_member(Role.ANALYST, org_a))
    return client


@pytest.fixture
def questionnaire(org_a):
    return service.create_questionnaire(org_a, "Wmo-onderzoek")


@pytest.fixture
def draft(questionnaire):
    return service.draft_of(questionnaire)


@pytest.fixture
def filled(draft, bank):
    """A draft with the grade and an agreement item on page 1 and two items on page 2."""
    add = service.add_question
    return {
        "grade": add(draft, bank["core_grade"], page=1, required=True),
        "quick": add(draft, bank["wmo_02_snel_geholpen"], page=1),
        "serious": add(draft, bank["wmo_03_serieus"], page=2),
        "improve": add(draft, bank["core_improve"], page=2),
    }
