"""Aggregation of a maturity scan per pillar (the radar chart: gehoord.insights.charts.radar)."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Avg, Count

from .models import MaturityAnswer, MaturityScan
from .pillars import PILLARS, STATEMENTS


@dataclass
class PillarScore:
    code: str
    name: str
    mean: float | None
    target: int | None

    @property
    def gap(self) -> float | None:
        if self.mean is None or self.target is None:
            return None
        return round(self.target - self.mean, 1)


def scores(scan: MaturityScan) -> list[PillarScore]:
    """Mean level per pillar over every statement and respondent of the scan."""
    by_pillar: dict[str, list[tuple[float, int]]] = defaultdict(list)
    rows = (
        MaturityAnswer.objects.filter(scan=scan)
        .values("statement")
        .annotate(mean=Avg("level"), n=Count("pk"))
        .order_by()
    )
    for row in rows:
        statement = STATEMENTS.get(row["statement"])
        if statement:
            by_pillar[statement.pillar].append((row["mean"], row["n"]))
    result = []
    for code, name in PILLARS.items():
        parts = by_pillar.get(code, [])
        total = sum(n for _, n in parts)
        mean = round(sum(m * n for m, n in parts) / total, 1) if total else None
        target = scan.targets.get(code)
        result.append(PillarScore(code, str(name), mean, int(target) if target else None))
    return result


def respondent_count(scan: MaturityScan) -> int:
    return scan.answers.values("respondent").distinct().count()
