"""Test data for insights: organisations whose window grade is known without any responses."""

from gehoord.framework import service as framework_service
from gehoord.framework.models import Question
from gehoord.insights import periods
from gehoord.insights.models import FigureRollup, Grain
from gehoord.tenancy.models import Organisation


def organisation_with_grade(slug: str, inhabitants: int, n: int, mean: float,
                            named: bool = False) -> Organisation:
    """A municipality whose rolling-window overall grade is `mean` over `n` answers (variance
    1), written straight into the rollup that benchmarks read."""
    organisation = Organisation.objects.create(name=f"Gemeente {slug}", slug=slug,
                                               kind="municipality", inhabitants=inhabitants,
                                               named_in_benchmarks=named)
    framework_service.install_defaults(organisation)
    question = Question.objects.get(organisation=organisation, code="core_grade")
    questionnaire = framework_service.create_questionnaire(organisation, "Q")
    window = periods.rolling_window()
    FigureRollup.objects.create(
        organisation=organisation, questionnaire=questionnaire, question=question,
        grain=Grain.WINDOW, period_start=window.start, period_end=window.end, n=n,
        total=n * mean, total_sq=n * mean * mean + (n - 1))
    return organisation
