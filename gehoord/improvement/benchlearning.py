"""Benchlearning: where peers of the same size class score clearly better, show what they
shared. Peers are named only when they opted in to being named in benchmarks."""

from dataclasses import dataclass

from gehoord.insights import query as insights
from gehoord.insights.query import PeerRow, Period, Verdict
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


def peers_clearly_better(rows: list[PeerRow]) -> list[PeerRow]:
    """The rows where the size class does clearly better, with false-discovery control over
    all questions (insights.query.size_class_verdicts)."""
    verdicts = insights.size_class_verdicts(rows)
    return [
        row
        for row, verdict in zip(rows, verdicts, strict=True)
        if verdict == Verdict.CLEARLY_HIGHER
    ]


def learning_rows(organisation: Organisation, period: Period) -> list[LearningRow]:
    peers = Organisation.objects.exclude(pk=organisation.pk).filter(
        size_class=organisation.size_class
    )
    rows = peers_clearly_better(insights.peer_benchmark(organisation, period))
    # One query for the practices of every row, not one per row.
    by_code = query.shared_practices({row.code for row in rows}, peers)
    return [
        LearningRow(
            row,
            [
                SharedPractice(
                    p.what,
                    p.result,
                    p.organisation.name if p.organisation.named_in_benchmarks else "",
                )
                for p in by_code.get(row.code, [])
            ],
        )
        for row in rows
    ]
