"""The CX maturity scan: six pillars, two statements each, five described levels.

The pillars follow the Dutch government CX community; the statement codes are stored in
answers, so they must never be renamed.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Statement:
    code: str
    pillar: str
    text: Promise
    levels: tuple[Promise, Promise, Promise, Promise, Promise]


PILLARS: dict[str, Promise] = {
    "strategie": _("Strategy"),
    "klantbegrip": _("Customer understanding"),
    "klantreis": _("Customer journey"),
    "meten": _("Metrics"),
    "governance": _("Governance"),
    "cultuur": _("Culture"),
}

_STATEMENTS = [
    Statement(
        "strategie-1",
        "strategie",
        _("Customer experience is part of our plans."),
        (
            _("It is not in any plan."),
            _("Some teams mention it."),
            _("It is in the plan of the organisation."),
            _("The plan has goals we measure."),
            _("Goals are checked and adjusted every year."),
        ),
    ),
    Statement(
        "strategie-2",
        "strategie",
        _("Management makes time and money available."),
        (
            _("There is no time or money for it."),
            _("Only for single projects."),
            _("There is a fixed budget."),
            _("Budget follows from the results."),
            _("Budget and time are planned for years ahead."),
        ),
    ),
    Statement(
        "klantbegrip-1",
        "klantbegrip",
        _("We know who our residents are."),
        (
            _("We do not know our groups of residents."),
            _("We know a few large groups."),
            _("We describe our main groups."),
            _("We use research about our groups."),
            _("We update this knowledge all the time."),
        ),
    ),
    Statement(
        "klantbegrip-2",
        "klantbegrip",
        _("We listen to residents."),
        (
            _("We only hear complaints."),
            _("We ask residents now and then."),
            _("We ask residents in a fixed way."),
            _("We combine surveys and complaints."),
            _("Residents help us design our services."),
        ),
    ),
    Statement(
        "klantreis-1",
        "klantreis",
        _("We know the journeys of our residents."),
        (
            _("We do not describe journeys."),
            _("One journey is described."),
            _("The main journeys are described."),
            _("Journeys have figures per stage."),
            _("Journeys are improved together with residents."),
        ),
    ),
    Statement(
        "klantreis-2",
        "klantreis",
        _("Teams work together along the journey."),
        (
            _("Every team works on its own."),
            _("Teams talk when things go wrong."),
            _("Teams agree on hand-overs."),
            _("One person owns each journey."),
            _("Teams share goals for the whole journey."),
        ),
    ),
    Statement(
        "meten-1",
        "meten",
        _("We measure customer experience."),
        (
            _("We do not measure it."),
            _("We measure once in a while."),
            _("We measure all the time for some services."),
            _("We measure all the time for all services."),
            _("Figures are used in every decision."),
        ),
    ),
    Statement(
        "meten-2",
        "meten",
        _("We act on the figures."),
        (
            _("Nobody looks at the figures."),
            _("Figures are read but not used."),
            _("Figures lead to actions now and then."),
            _("Every finding gets an owner."),
            _("We measure the effect of every action."),
        ),
    ),
    Statement(
        "governance-1",
        "governance",
        _("It is clear who is responsible."),
        (
            _("Nobody is responsible."),
            _("Someone does it on the side."),
            _("There is a person responsible."),
            _("Responsibility is in every team."),
            _("The board checks the results."),
        ),
    ),
    Statement(
        "governance-2",
        "governance",
        _("We report about customer experience."),
        (
            _("We do not report."),
            _("We report once a year."),
            _("We report every quarter."),
            _("Reports go to the board and the council."),
            _("Reports are public for residents."),
        ),
    ),
    Statement(
        "cultuur-1",
        "cultuur",
        _("Staff think from the view of the resident."),
        (
            _("Rules come first."),
            _("Some staff do this."),
            _("Most staff do this."),
            _("Staff get training and room for it."),
            _("It is normal for everyone."),
        ),
    ),
    Statement(
        "cultuur-2",
        "cultuur",
        _("We learn from mistakes."),
        (
            _("Mistakes are hidden."),
            _("Mistakes are fixed one by one."),
            _("We talk about mistakes in teams."),
            _("We share lessons between teams."),
            _("We change our way of working after mistakes."),
        ),
    ),
]

STATEMENTS: dict[str, Statement] = {s.code: s for s in _STATEMENTS}


def statements_of(pillar: str) -> list[Statement]:
    return [s for s in _STATEMENTS if s.pillar == pillar]
