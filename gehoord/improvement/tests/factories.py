"""Test factories of improvement: actions, goals and shared practices."""

from datetime import date

from gehoord.framework.models import Indicator
from gehoord.improvement.models import Action, Goal, Practice
from gehoord.tenancy.models import Organisation


def make_action(organisation: Organisation, title: str = "Brief herschrijven", **fields) -> Action:
    """An action of `organisation` (status idea unless given)."""
    return Action.objects.create(organisation=organisation, title=title, **fields)


def make_goal(
    organisation: Organisation,
    indicator: str = "overall_grade",
    target: float = 7.5,
    deadline: date = date(2026, 12, 31),
    **fields,
) -> Goal:
    """A goal on the installed indicator with code `indicator`."""
    return Goal.objects.create(
        organisation=organisation,
        target=target,
        deadline=deadline,
        indicator=Indicator.objects.get(organisation=organisation, code=indicator),
        **fields,
    )


def make_practice(
    organisation: Organisation,
    what: str = "Vaste contactpersoon",
    indicator_code: str = "core_grade",
    shared: bool = True,
    **fields,
) -> Practice:
    """A practice that improved the question `indicator_code`, shared with peers by default."""
    return Practice.objects.create(
        organisation=organisation, what=what, indicator_code=indicator_code, shared=shared, **fields
    )
