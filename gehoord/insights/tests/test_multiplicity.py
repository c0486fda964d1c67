"""False-discovery control: the Benjamini–Hochberg step itself, and seeded simulations of
the screens that print "duidelijk hoger/lager", run through the real reads on real rollups.

Each simulation writes the sums of simulated answers (numpy, explicit seeds) straight into
the month rollups, one seed per month, and counts the "duidelijk" verdicts the screen's read
gives. Under the null hypothesis (nothing differs) every such verdict is a false discovery,
so the false-discovery rate equals the share of screens with at least one; Benjamini–Hochberg
keeps it at about 5 %. With S seeds the observed share has a standard error of about
√(0.05·0.95/S), so the tests allow the chosen rate plus two standard errors.
"""

import math
from datetime import date

import numpy as np
import pytest
from django.utils import translation
from statsmodels.stats.multitest import multipletests

from gehoord.catalog.tests.factories import make_provider, make_service
from gehoord.framework import service as framework_service
from gehoord.framework.models import Question
from gehoord.framework.question_types import QuestionType
from gehoord.framework.tests.factories import make_question
from gehoord.insights import benchmarks, metrics, periods
from gehoord.insights.figures import Figure
from gehoord.insights.models import FigureRollup, Grain
from gehoord.insights.multiplicity import FALSE_DISCOVERY_RATE, adjust, control
from gehoord.insights.stats import (
    WELCH_T,
    Comparison,
    ShareCounts,
    Verdict,
    compare_proportions,
)

CLEAR = (Verdict.CLEARLY_HIGHER, Verdict.CLEARLY_LOWER)
GRADE_VALUES = np.arange(1, 11)
GRADE_WEIGHTS = np.array([1, 1, 2, 3, 6, 12, 22, 26, 17, 10], dtype=float)
GRADE_WEIGHTS /= GRADE_WEIGHTS.sum()


def allowed(seeds: int) -> float:
    return FALSE_DISCOVERY_RATE + 2 * math.sqrt(FALSE_DISCOVERY_RATE * 0.95 / seeds)


def comparison(p_value: float, statistic: float = 1.0) -> Comparison:
    return Comparison(Verdict.CLEARLY_HIGHER, p_value, statistic, None, WELCH_T)


# --- the step itself ---------------------------------------------------------------------------


def test_adjust_matches_statsmodels_and_keeps_the_raw_p():
    p_values = [0.001, 0.012, 0.03, 0.04, 0.2]
    result = adjust([comparison(p, s) for p, s in zip(p_values, [1, -1, 1, 1, 1], strict=True)])
    reject, expected, _, _ = multipletests(p_values, alpha=0.05, method="fdr_bh")
    assert [c.p_value for c in result] == p_values
    assert [c.adjusted_p_value for c in result] == pytest.approx(list(expected))
    assert [c.verdict in CLEAR for c in result] == list(reject)
    assert result[1].verdict is Verdict.CLEARLY_LOWER
    assert {c.family_size for c in result} == {5}


def test_a_single_significant_test_of_twenty_is_no_longer_clear():
    p_values = [0.03] + [0.5] * 19
    result = adjust([comparison(p) for p in p_values])
    assert result[0].verdict is Verdict.NO_CLEAR_DIFFERENCE
    assert result[0].adjusted_p_value == pytest.approx(0.5)
    with translation.override("nl"):
        assert "gecorrigeerde p = 0,500 (Benjamini–Hochberg, 20 toetsen)" in result[0].describe()
        assert "p = 0,030" in result[0].describe()
    with translation.override("en"):
        assert "adjusted p = 0.500 (Benjamini–Hochberg, 20 tests)" in result[0].describe()


def test_untestable_comparisons_stay_and_do_not_count():
    untestable = compare_proportions(ShareCounts(0, 0), ShareCounts(10, 5))
    result = adjust([untestable, comparison(0.01)])
    assert result[0] is untestable
    assert result[1].family_size == 1 and result[1].verdict is Verdict.CLEARLY_HIGHER


def test_control_leaves_suppressed_figures_out_of_the_family():
    shown = Figure("mean", 50, 7.0, 6.5, 7.5, suppressed=False, comparison=comparison(0.02))
    hidden = Figure("mean", 5, 7.0, 6.0, 8.0, suppressed=True, comparison=comparison(0.001))
    control([shown, hidden, None])
    assert shown.comparison.family_size == 1
    assert hidden.comparison.adjusted_p_value is None


@pytest.mark.parametrize("rate", [0, 1, -0.1])
def test_a_rate_outside_0_1_is_refused(rate):
    with pytest.raises(ValueError, match="false-discovery rate"):
        adjust([comparison(0.01)], rate)


# --- simulations on the real reads -------------------------------------------------------------


def simulated_sums(rng, kind: str, n: int, share: float, shift: float = 0.0) -> dict:
    """The rollup sums of n simulated answers: agreement (favourable with chance `share`) or
    grades (the demo's grade distribution, moved by `shift`)."""
    if kind == QuestionType.AGREEMENT:
        # A favourable answer is a 4, another a 2: only the count matters for the share.
        favourable = int(rng.binomial(n, share))
        return dict(
            n=n,
            total=2.0 * n + 2 * favourable,
            total_sq=4.0 * n + 12 * favourable,
            favourable=favourable,
        )
    counts = rng.multinomial(n, GRADE_WEIGHTS)
    values = GRADE_VALUES + shift
    return dict(
        n=n,
        total=float(counts @ values),
        total_sq=float(counts @ values**2),
        favourable=int(counts[values >= 6].sum()),
    )


@pytest.fixture
def bank(org_a):
    framework_service.install_defaults(org_a)
    org_a.questionnaire = framework_service.create_questionnaire(org_a, "Q")
    grade = Question.objects.get(organisation=org_a, code="core_grade")
    agreement = [
        make_question(org_a, f"stelling_{i:02}", QuestionType.AGREEMENT, f"Stelling {i}.")
        for i in range(1, 20)
    ]
    return org_a, [grade, *agreement]


def month_of(seed: int, back: int) -> periods.Period:
    start = periods.add_months(date(2026, 10, 1), -(2 * seed + back))
    return periods.month(start.year, start.month)


def rollup(org, question, period, **fields) -> FigureRollup:
    return FigureRollup(
        organisation=org,
        questionnaire=org.questionnaire,
        question=question,
        grain=Grain.MONTH,
        period_start=period.start,
        period_end=period.end,
        **fields,
    )


def overview_screens(org, questions, seeds: int, real_changes: int = 0):
    """Per seed, the overview's items of one month against the month before; the first
    `real_changes` agreement items really rise by 25 points."""
    rows = []
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        shares = rng.uniform(0.5, 0.85, size=len(questions))
        for i, question in enumerate(questions):
            for back in (0, 1):
                rises = back == 0 and 1 <= i <= real_changes
                share = shares[i] + (0.25 if rises else 0.0)
                n = int(rng.integers(60, 160))
                sums = simulated_sums(rng, question.type, n, min(share, 0.98))
                rows.append(rollup(org, question, month_of(seed, back), **sums))
    FigureRollup.objects.bulk_create(rows)
    return [
        metrics.question_figures(org, month_of(s, 0), against=month_of(s, 1)) for s in range(seeds)
    ]


@pytest.mark.django_db
def test_null_overviews_of_twenty_items_show_few_false_clear_verdicts(bank):
    org, questions = bank
    questions = questions[:20]
    assert len(questions) == 20
    seeds = 100
    screens = overview_screens(org, questions, seeds)

    any_clear = [any(f.main.verdict in CLEAR for f in screen) for screen in screens]
    # Without the adjustment (the raw p at 5 %), most screens showed a false "duidelijk".
    any_raw = [
        any(f.main.comparison.p_value is not None and f.main.comparison.p_value < 0.05 for f in s)
        for s in screens
    ]
    assert all(len(screen) == 20 for screen in screens)
    assert np.mean(any_raw) > 0.4
    assert np.mean(any_clear) <= allowed(seeds)
    assert {f.main.comparison.family_size for s in screens for f in s} == {20}


@pytest.mark.django_db
def test_real_changes_among_twenty_items_are_still_found(bank):
    org, questions = bank
    questions = questions[:20]
    seeds = 40
    screens = overview_screens(org, questions, seeds, real_changes=3)

    by_code = [{f.code: f.main for f in screen} for screen in screens]
    changed = {q.code for q in questions[1:4]}
    found = [sum(s[c].verdict is Verdict.CLEARLY_HIGHER for c in changed) / 3 for s in by_code]
    false = [
        sum(f.verdict in CLEAR for c, f in s.items() if c not in changed)
        / max(1, sum(f.verdict in CLEAR for f in s.values()))
        for s in by_code
    ]
    # A rise of 25 points on 60–160 answers a month: found in at least 80 % of the cases.
    assert np.mean(found) >= 0.8
    assert np.mean(false) <= allowed(seeds)


@pytest.mark.django_db
def test_null_provider_screen_of_twelve_providers_shows_few_false_strengths(bank):
    org, questions = bank
    items = questions[1:11]  # ten agreement items, as the strengths and weaknesses list them
    service = make_service(org)
    providers = [make_provider(org, f"Aanbieder {i}", [service]) for i in range(12)]
    # 40 seeds: each screen runs 120 Welch/z tests and intervals through statsmodels.
    seeds = 40
    rows = []
    for seed in range(seeds):
        rng = np.random.default_rng(1000 + seed)
        for question in items:
            share = rng.uniform(0.5, 0.85)
            for provider in providers:
                sums = simulated_sums(rng, question.type, int(rng.integers(30, 120)), share)
                rows.append(
                    rollup(
                        org, question, month_of(seed, 0), service=service, provider=provider, **sums
                    )
                )
    FigureRollup.objects.bulk_create(rows)
    names = {p.pk: p.name for p in providers}

    flagged, raw = [], []
    for seed in range(seeds):
        screen = benchmarks.provider_comparison(org, service.pk, month_of(seed, 0), names)
        flagged.append(sum(len(p.strengths) + len(p.weaknesses) for p in screen.providers))
        raw.append(
            sum(
                f.main.comparison.p_value < 0.05
                for p in screen.providers
                for f in p.figures.values()
                if f.main.comparison.p_value is not None
            )
        )
    # Without the adjustment: about 6 false strengths or weaknesses per screen.
    assert np.mean(raw) > 4
    assert np.mean([count > 0 for count in flagged]) <= allowed(seeds)


# --- the screens -------------------------------------------------------------------------------


def test_the_overview_adjusts_its_items_as_one_family_and_says_so(analyst):
    from html import escape

    from django.urls import reverse

    response = analyst.get(reverse("insights:overview"))
    page = response.content.decode()
    compared = [
        f.main.comparison
        for f in response.context["figures"]
        if f.main.shown and f.main.comparison and f.main.comparison.p_value is not None
    ]
    assert len(compared) > 5
    assert {c.family_size for c in compared} == {len(compared)}
    assert "gecorrigeerd voor toevalstreffers" in page
    # The tooltip shows the raw and the adjusted p.
    assert escape(compared[0].describe()) in page and "Benjamini–Hochberg" in page


def test_the_provider_screen_adjusts_every_provider_and_question_together(analyst):
    from django.urls import reverse

    response = analyst.get(reverse("insights:providers"))
    comparison = response.context["comparison"]
    compared = [
        f.main.comparison
        for p in comparison.providers
        for f in p.figures.values()
        if f.main.shown and f.main.comparison.p_value is not None
    ]
    assert len({p.provider_id for p in comparison.providers}) > 1
    assert {c.family_size for c in compared} == {len(compared)}
    for provider in comparison.providers:
        for figure in provider.strengths + provider.weaknesses:
            assert figure.main.comparison.adjusted_p_value < FALSE_DISCOVERY_RATE
