"""Figures read from the rollups: equal to the answers, honest about n, suppressed below it."""

import statistics

import pytest
from django.utils import timezone
from django.utils.translation import override

from gehoord.catalog.models import Provider
from gehoord.framework import query as framework_query
from gehoord.insights import metrics, periods
from gehoord.insights.stats import Verdict
from gehoord.surveys.models import Answer

pytestmark = pytest.mark.django_db


def grade_values(organisation, start, end, **response_filter):
    ids = framework_query.questions_measuring(organisation, "overall_grade")
    values = []
    for answer in Answer.objects.filter(
        response__organisation=organisation,
        question_id__in=ids,
        value_number__isnull=False,
        **response_filter,
    ).select_related("response"):
        day = timezone.localtime(answer.response.submitted_at).date()
        if start <= day <= end:
            values.append(float(answer.value_number))
    return values


def test_grade_in_the_window_equals_the_mean_of_the_answers(demo_org):
    window = periods.rolling_window()
    headline = {h.indicator: h for h in metrics.headlines(demo_org, window, metrics.Filters())}
    grade = headline["overall_grade"].figure
    values = grade_values(demo_org, window.start, window.end)
    assert grade.n == len(values) > 100
    assert grade.value == pytest.approx(statistics.fmean(values))
    half = grade.value - grade.ci_low
    assert half == pytest.approx(grade.ci_high - grade.value)
    assert 0 < half < 0.5
    assert len(headline["overall_grade"].trend) == 12


def test_a_figure_below_the_minimum_n_is_suppressed_without_its_n(demo_org):
    provider = Provider.objects.filter(organisation=demo_org).first()
    window = periods.rolling_window()
    figures = metrics.question_figures(demo_org, window, metrics.Filters(provider_id=provider.pk))
    grade = next(f for f in figures if f.indicator == "overall_grade")
    n = len(grade_values(demo_org, window.start, window.end, response__provider=provider))
    assert grade.sums.mean.n == n
    demo_org.minimum_n = n + 1
    figures = metrics.question_figures(demo_org, window, metrics.Filters(provider_id=provider.pk))
    grade = next(f for f in figures if f.indicator == "overall_grade").mean
    assert grade.suppressed and not grade.shown
    assert grade.n is None
    assert grade.as_dict() == {
        "n": None,
        "value": None,
        "ci_low": None,
        "ci_high": None,
        "suppressed": True,
        "suppression": "too_few",
        "verdict": None,
    }
    with override("nl"):
        assert grade.display == "te weinig reacties"


def test_agreement_share_counts_valid_answers_only(demo_org):
    window = periods.rolling_window()
    figure = next(
        f
        for f in metrics.question_figures(demo_org, window)
        if f.type == "agreement" and f.sums.not_applicable
    )
    answers = Answer.objects.filter(
        question_id=figure.question_id, response__organisation=demo_org
    ).select_related("response")
    valid = [
        a
        for a in answers
        if not a.not_applicable
        and window.start <= timezone.localtime(a.response.submitted_at).date() <= window.end
    ]
    agree = [a for a in valid if a.value_number >= 4]
    assert figure.share.n == len(valid)
    assert figure.share.value == pytest.approx(100 * len(agree) / len(valid))


def test_month_and_quarter_periods_add_up(demo_org):
    last = periods.add_months(periods.month_start(periods.today()), -1)
    q = periods.quarter(last.year, (last.month - 1) // 3 + 1)
    by_quarter = {f.question_id: f.sums.mean.n for f in metrics.question_figures(demo_org, q)}
    by_month = {}
    for first in q.months:
        for f in metrics.question_figures(demo_org, periods.month(first.year, first.month)):
            by_month[f.question_id] = by_month.get(f.question_id, 0) + f.sums.mean.n
    assert by_quarter == by_month


def test_comparison_with_the_previous_window_is_described_in_words(demo_org):
    window = periods.rolling_window()
    figures = metrics.question_figures(demo_org, window, against=metrics.previous_period(window))
    grade = next(f for f in figures if f.indicator == "overall_grade").mean
    assert grade.comparison.verdict in set(Verdict)
    assert grade.verdict_words
    assert "Welch" in grade.test_description


def test_periods_parse_and_fall_back_to_the_window():
    assert periods.parse("2026-03").start.isoformat() == "2026-03-01"
    assert periods.parse("2026-K2").end.isoformat() == "2026-06-30"
    assert periods.parse("rubbish").kind == "window"
    assert periods.parse("2026-13").kind == "window"
    start, end = periods.window_ending(periods.date(2026, 8, 31))
    assert (start.isoformat(), end.isoformat()) == ("2026-03-01", "2026-08-31")
