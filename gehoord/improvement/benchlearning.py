"""Benchlearning: where peers of the same size class score clearly better, show what they
shared. Peers are named only when they opted in to being named in benchmarks."""

from dataclasses import dataclass

from gehoord.insights.benchmarks import PeerRow, peer_benchmark
from gehoord.insights.metrics import SHARE_TYPES
from gehoord.insights.periods import Period
from gehoord.insights.stats import Verdict, compare_means, compare_proportions
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


def verdict_of(row: PeerRow) -> Verdict:
    """The size class against the own figure, tested on the pooled sums with the same tests
    as every other figure; only when both figures may be shown."""
    if not row.own.shown or not row.size_class.shown:
        return Verdict.NOT_TESTABLE
    if row.kind in SHARE_TYPES:
        return compare_proportions(row.size_class_sums.share, row.own_sums.share).verdict
    return compare_means(row.size_class_sums.mean, row.own_sums.mean).verdict


def peers_clearly_better(row: PeerRow) -> bool:
    return verdict_of(row) == Verdict.CLEARLY_HIGHER


def learning_rows(organisation: Organisation, period: Period) -> list[LearningRow]:
    peers = Organisation.objects.exclude(pk=organisation.pk).filter(
        size_class=organisation.size_class)
    rows = [row for row in peer_benchmark(organisation, period) if peers_clearly_better(row)]
    # One query for the practices of every row, not one per row.
    by_code = query.shared_practices({row.code for row in rows}, peers)
    return [LearningRow(row, [
        SharedPractice(p.what, p.result,
                       p.organisation.name if p.organisation.named_in_benchmarks else "")
        for p in by_code.get(row.code, [])]) for row in rows]
