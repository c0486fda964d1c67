"""Provider comparison and peer benchmark, read from rollups."""

import pytest

from gehoord.catalog.models import Provider, Service
from gehoord.insights import benchmarks, periods
from gehoord.insights.stats import MeanSums, Verdict, compare_mean_to_rest, compare_means
from gehoord.insights.tests.factories import organisation_with_grade

pytestmark = pytest.mark.django_db


def test_provider_comparison_pools_the_area_and_tests_each_provider_against_the_rest(demo_org):
    service = Service.objects.filter(organisation=demo_org, providers__isnull=False).first()
    window = periods.rolling_window()
    names = dict(Provider.objects.values_list("pk", "name"))
    comparison = benchmarks.provider_comparison(demo_org, service.pk, window, names)
    grade = next(f for f in comparison.questions if f.indicator == "overall_grade")
    provider_grades = [
        p.figures[grade.question_id] for p in comparison.providers if grade.question_id in p.figures
    ]
    assert grade.mean.n == sum(f.sums.mean.n for f in provider_grades)
    # A hidden provider shows no n.
    assert all(f.mean.n is None for f in provider_grades if not f.mean.shown)
    shown = [f.mean.value for f in provider_grades if f.mean.shown]
    unweighted = comparison.unweighted[grade.question_id]
    assert unweighted.value == pytest.approx(sum(shown) / len(shown))
    for provider in comparison.providers:
        own = provider.figures[grade.question_id]
        expected = compare_mean_to_rest(own.sums.mean, grade.sums.mean)
        assert own.mean.comparison.verdict == expected.verdict
        for strength in provider.strengths:
            assert strength.main.verdict == Verdict.CLEARLY_HIGHER
        for weakness in provider.weaknesses:
            assert weakness.main.verdict == Verdict.CLEARLY_LOWER


def test_peers_are_pooled_only_from_enough_organisations_and_named_only_when_agreed(db):
    own = organisation_with_grade("eigen", 120_000, 200, 7.0)
    peers = [
        organisation_with_grade(f"peer{i}", 130_000, 100, 6.0 + i / 2, named=(i == 0))
        for i in range(4)
    ]
    for i in range(3):
        organisation_with_grade(f"groot{i}", 900_000, 400, 8.0)
    rows = benchmarks.peer_benchmark(own, periods.rolling_window())
    grade = next(r for r in rows if r.code == "core_grade")
    assert grade.own.value == pytest.approx(7.0) and grade.own.n == 200
    assert grade.size_class_organisations == 4
    pooled = sum((MeanSums(100, 100 * (6.0 + i / 2), 0) for i in range(4)), MeanSums())
    assert grade.size_class.n == 400
    assert grade.size_class.value == pytest.approx(pooled.total / pooled.n)
    assert grade.everyone_organisations == 7 and grade.everyone.n == 1600
    assert [name for name, _ in grade.named] == [peers[0].name]

    peers[3].delete()
    grade = next(
        r
        for r in benchmarks.peer_benchmark(own, periods.rolling_window())
        if r.code == "core_grade"
    )
    # The size class minus the named peer would leave two peers, who could tell each other
    # apart: the size-class figure is withheld, and with it its n.
    assert grade.size_class_organisations == 3 and not grade.size_class.shown
    assert grade.size_class.n is None and grade.size_class.suppression == "complementary"
    # Everyone minus the named peer leaves five organisations: shown.
    assert grade.everyone.shown


def test_everyone_is_hidden_when_it_minus_the_size_class_leaves_fewer_than_three(db):
    own = organisation_with_grade("eigen", 120_000, 200, 7.0)
    for i in range(3):
        organisation_with_grade(f"peer{i}", 130_000, 100, 6.5)
    organisation_with_grade("groot0", 900_000, 400, 8.0)
    organisation_with_grade("groot1", 900_000, 30, 3.0)
    grade = next(
        r
        for r in benchmarks.peer_benchmark(own, periods.rolling_window())
        if r.code == "core_grade"
    )
    assert grade.size_class.shown
    # Everyone × 5 − size class × 3 would give the pair of large municipalities back.
    assert not grade.everyone.shown and grade.everyone.n is None
    assert grade.everyone.as_dict()["value"] is None

    organisation_with_grade("groot2", 900_000, 50, 9.0)
    grade = next(
        r
        for r in benchmarks.peer_benchmark(own, periods.rolling_window())
        if r.code == "core_grade"
    )
    assert grade.everyone.shown and grade.everyone.n == 300 + 400 + 30 + 50


def test_a_local_question_reusing_a_standard_code_with_another_scale_is_not_pooled(db):
    from gehoord.framework.models import Question
    from gehoord.framework.question_types import QuestionType

    own = organisation_with_grade("eigen", 120_000, 200, 7.0)
    peers = [organisation_with_grade(f"peer{i}", 130_000, 100, 6.0) for i in range(3)]
    # A fourth municipality of the same size asks "core_grade" as its own 1–5 agreement
    # item: the same code, another question and scale.
    local = organisation_with_grade("lokaal", 140_000, 100, 2.0)
    Question.objects.filter(organisation=local, code="core_grade").update(
        standard_set="", type=QuestionType.AGREEMENT
    )
    # A fifth kept the standard item but made it a number from 0 to 100.
    rescaled = organisation_with_grade("anders", 140_000, 100, 70.0)
    Question.objects.filter(organisation=rescaled, code="core_grade").update(
        type=QuestionType.NUMBER, min_value=0, max_value=100
    )
    grade = next(
        r
        for r in benchmarks.peer_benchmark(own, periods.rolling_window())
        if r.code == "core_grade"
    )
    assert grade.size_class_organisations == len(peers) == 3
    assert grade.size_class.n == 300 and grade.size_class.value == pytest.approx(6.0)
    assert grade.everyone_organisations == 3

    # Their own benchmark has no pool for it either: a local question never pools.
    assert not any(
        r.code == "core_grade" for r in benchmarks.peer_benchmark(local, periods.rolling_window())
    )
    rows = benchmarks.peer_benchmark(rescaled, periods.rolling_window())
    assert next(r for r in rows if r.code == "core_grade").size_class_organisations == 0


def test_size_class_verdict_is_the_welch_test_on_the_pooled_sums():
    own = organisation_with_grade("eigen", 120_000, 40, 7.0)
    for i in range(3):
        organisation_with_grade(f"peer{i}", 130_000, 40, 7.1 + i / 10)
    grade = next(
        r
        for r in benchmarks.peer_benchmark(own, periods.rolling_window())
        if r.code == "core_grade"
    )
    # Own: n 40, mean 7.0, variance 1. Peers pooled: n 120, mean 7.2, variance about 1.
    pooled = sum(
        (MeanSums(40, 40 * (7.1 + i / 10), 40 * (7.1 + i / 10) ** 2 + 39) for i in range(3)),
        MeanSums(),
    )
    expected = compare_means(pooled, MeanSums(40, 280, 40 * 49 + 39))
    assert grade.size_class_sums.mean.n == 120
    assert expected.verdict == Verdict.NO_CLEAR_DIFFERENCE
    assert grade.size_class_verdict == expected.verdict
