"""Benchlearning: where peers of the same size class score clearly better, show what they
shared. Peers are named only when they opted in to being named in benchmarks."""

import math
from dataclasses import dataclass

from scipy import stats as scipy_stats

from gehoord.insights.benchmarks import PeerRow, peer_benchmark
from gehoord.insights.figures import Figure
from gehoord.insights.periods import Period
from gehoord.insights.stats import (
    DEFAULT_CONFIDENCE,
    MeanSums,
    ShareCounts,
    Verdict,
    compare_means,
    compare_proportions,
)
from gehoord.tenancy.models import Organisation

from . import query


@dataclass
class SharedPractice:
    what: str
    result: str
    organisation: str  # empty when the peer did not opt in to being named


@dataclass
class LearningRow:
    row: PeerRow
    practices: list[SharedPractice]


def _as_sums(figure: Figure) -> MeanSums | ShareCounts | None:
    """Sums behind a published figure. A peer row carries figures, not sums (peers are only
    ever seen pooled); n, the mean and the t interval give back the sd, and a share and n
    give back the count, which is all the tests need."""
    if figure.kind == "share":
        return ShareCounts(figure.n, round(figure.value * figure.n / 100))
    if figure.n < 2 or figure.ci_high is None:
        return None
    half = figure.ci_high - figure.value
    sd = half * math.sqrt(figure.n) / float(scipy_stats.t.ppf((1 + DEFAULT_CONFIDENCE) / 2,
                                                                 figure.n - 1))
    return MeanSums(figure.n, figure.n * figure.value,
                    (figure.n - 1) * sd * sd + figure.n * figure.value ** 2)


def verdict_of(row: PeerRow) -> Verdict:
    """The size class against the own figure, with the same tests as every other figure."""
    own, peers = row.own, row.size_class
    if not own.shown or not peers.shown:
        return Verdict.NOT_TESTABLE
    a, b = _as_sums(peers), _as_sums(own)
    if a is None or b is None:
        return Verdict.NOT_TESTABLE
    test = compare_proportions if own.kind == "share" else compare_means
    return test(a, b).verdict


def peers_clearly_better(row: PeerRow) -> bool:
    return verdict_of(row) == Verdict.CLEARLY_HIGHER


def learning_rows(organisation: Organisation, period: Period) -> list[LearningRow]:
    peers = Organisation.objects.exclude(pk=organisation.pk).filter(
        size_class=organisation.size_class)
    result = []
    for row in peer_benchmark(organisation, period):
        if not peers_clearly_better(row):
            continue
        practices = [
            SharedPractice(p.what, p.result,
                           p.organisation.name if p.organisation.named_in_benchmarks else "")
            for p in query.shared_practices(row.code, peers)]
        result.append(LearningRow(row, practices))
    return result
