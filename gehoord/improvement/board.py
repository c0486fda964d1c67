"""Goal values for the board, read from the rolling-window rollups."""

from dataclasses import dataclass

from gehoord.insights import query as insights
from gehoord.insights.query import Figure, Period, Sums
from gehoord.tenancy.models import Organisation

from .models import Goal


@dataclass
class GoalValue:
    goal: Goal
    current: Figure

    @property
    def reached(self) -> bool:
        return self.current.shown and self.current.value >= self.goal.target


def goal_values(organisation: Organisation, goals: list[Goal], period: Period) -> list[GoalValue]:
    # One batch for all goals: the board must not cost a query per goal.
    sums_by_code = insights.indicator_sums(organisation, {g.indicator.code for g in goals}, period)
    result = []
    for goal in goals:
        code = goal.indicator.code
        figure = insights.indicator_figure(
            code, sums_by_code.get(code, Sums()), organisation.minimum_n
        )
        result.append(GoalValue(goal, figure))
    return result
