"""Test factories of insights: rollups written directly (no responses needed), export jobs
and organisations whose window grade is known without any responses."""

from gehoord.framework import service as framework_service
from gehoord.framework.models import Question, Questionnaire
from gehoord.insights import periods
from gehoord.insights.models import ExportJob, ExportStatus, FigureRollup, Grain
from gehoord.tenancy.models import Organisation
from gehoord.tenancy.tests.factories import make_organisation


def make_rollup(
    questionnaire: Questionnaire,
    n: int,
    total: float,
    total_sq: float,
    code: str = "core_grade",
    grain: str = Grain.WINDOW,
    period: periods.Period | None = None,
    **fields,
) -> FigureRollup:
    """The sums over `n` answers to bank question `code` for `period` (default: the
    rolling window), written straight into the rollup that figures read."""
    organisation = questionnaire.organisation
    period = period or periods.rolling_window()
    return FigureRollup.objects.create(
        organisation=organisation,
        questionnaire=questionnaire,
        question=Question.objects.get(organisation=organisation, code=code),
        grain=grain,
        period_start=period.start,
        period_end=period.end,
        n=n,
        total=total,
        total_sq=total_sq,
        **fields,
    )


def make_window_grade(questionnaire: Questionnaire, n: int, mean: float) -> FigureRollup:
    """A rolling-window overall grade of `mean` over `n` answers with variance 1."""
    return make_rollup(questionnaire, n, total=n * mean, total_sq=n * mean * mean + (n - 1))


def organisation_with_grade(
    slug: str, inhabitants: int, n: int, mean: float, named: bool = False
) -> Organisation:
    """A municipality whose rolling-window overall grade is `mean` over `n` answers (variance
    1), written straight into the rollup that benchmarks read."""
    organisation = make_organisation(
        slug, inhabitants, name=f"Gemeente {slug}", named_in_benchmarks=named
    )
    framework_service.install_defaults(organisation)
    make_window_grade(framework_service.create_questionnaire(organisation, "Q"), n, mean)
    return organisation


def make_export_job(
    organisation: Organisation,
    kind: str = "figures",
    format: str = "csv",
    status: str = ExportStatus.DONE,
    **fields,
) -> ExportJob:
    """An export job of `organisation` in `status`, as the worker would leave it."""
    return ExportJob.objects.create(
        organisation=organisation, kind=kind, format=format, status=status, **fields
    )
