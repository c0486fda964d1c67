"""Benchlearning: where peers of the same size class score clearly better, show what they
shared. Peers are named only when they opted in to being named in benchmarks."""

from dataclasses import dataclass

from gehoord.insights.benchmarks import PeerRow, peer_benchmark
from gehoord.insights.periods import Period
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


def peers_clearly_better(row: PeerRow) -> bool:
    """The pooled size-class figure lies above the own figure's whole confidence interval:
    the difference is larger than chance alone explains, in plain words "clearly better"."""
    own, peers = row.own, row.size_class
    if not own.shown or not peers.shown or own.ci_high is None:
        return False
    return peers.value > own.ci_high


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
