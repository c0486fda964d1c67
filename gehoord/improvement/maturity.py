"""Aggregation of a maturity scan per pillar, and the radar chart's geometry."""

import math
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Avg, Count

from .models import MaturityAnswer, MaturityScan
from .pillars import PILLARS, STATEMENTS

RADAR_SIZE = 360
RADAR_RADIUS = 130


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


def _point(index: int, level: float, count: int) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    radius = RADAR_RADIUS * level / 5
    centre = RADAR_SIZE / 2
    return round(centre + radius * math.cos(angle), 1), round(centre + radius * math.sin(angle), 1)


def _polygon(levels: list[float], count: int) -> str:
    return " ".join(f"{x},{y}" for x, y in (_point(i, v, count) for i, v in enumerate(levels)))


@dataclass
class Radar:
    size: int
    centre: float
    rings: list[str]
    axes: list[dict]
    current: str
    target: str
    earlier: str


def radar(current: list[PillarScore], earlier: list[PillarScore] | None = None) -> Radar:
    """Polygons for the rings (levels 1–5), the scan, its targets and the scan before."""
    count = len(current)
    rings = [_polygon([level] * count, count) for level in range(1, 6)]
    axes = []
    for i, score in enumerate(current):
        x, y = _point(i, 5, count)
        lx, ly = _point(i, 5.9, count)
        anchor = (
            "middle"
            if abs(lx - RADAR_SIZE / 2) < 5
            else ("start" if lx > RADAR_SIZE / 2 else "end")
        )
        axes.append(
            {"x": x, "y": y, "label_x": lx, "label_y": ly, "anchor": anchor, "name": score.name}
        )
    return Radar(
        RADAR_SIZE,
        RADAR_SIZE / 2,
        rings,
        axes,
        _polygon([s.mean or 0 for s in current], count),
        _polygon([s.target or 0 for s in current], count) if any(s.target for s in current) else "",
        _polygon([s.mean or 0 for s in earlier], count) if earlier else "",
    )
