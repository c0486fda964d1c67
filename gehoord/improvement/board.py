"""Goal values for the board, read from the rolling-window rollups."""

from dataclasses import dataclass

from gehoord.insights.figures import Figure, mean_figure, share_figure
from gehoord.insights.metrics import Sums
from gehoord.insights.periods import Period
from gehoord.tenancy.models import Organisation

from .effect import GRADE, sums_by_indicator
from .models import Goal


@dataclass
class GoalValue:
    goal: Goal
    current: Figure

    @property
    def reached(self) -> bool:
        return self.current.shown and self.current.value >= self.goal.target


def goal_values(organisation: Organisation, goals: list[Goal], period: Period
                ) -> list[GoalValue]:
    # One batch for all goals: the board must not cost a query per goal.
    sums_by_code = sums_by_indicator(organisation, {g.indicator.code for g in goals}, period)
    result = []
    for goal in goals:
        sums = sums_by_code.get(goal.indicator.code, Sums())
        figure = (mean_figure(sums.mean, organisation.minimum_n) if goal.indicator.code == GRADE
                  else share_figure(sums.share, organisation.minimum_n))
        result.append(GoalValue(goal, figure))
    return result
