"""Geometry for the small SVG charts the templates draw (no JavaScript, no chart library).

Each chart on a page also has a data table and a one-line text summary beside it, so the
SVG itself is decoration for sighted users (DESIGN: every chart has a table alternative).
"""

from dataclasses import dataclass

from gehoord.formatting import format_number


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    label: str
    value: str


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def _scale(value: float, low: float, high: float, size: float) -> float:
    if high == low:
        return size / 2
    return size - (value - low) / (high - low) * size


def sparkline(
    values: list[float | None],
    width: int = 120,
    height: int = 32,
    low: float | None = None,
    high: float | None = None,
) -> str:
    """SVG polyline points for the shown values (gaps are skipped)."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return ""
    low = min(known) if low is None else low
    high = max(known) if high is None else high
    step = width / max(1, len(values) - 1)
    return " ".join(
        f"{i * step:.1f},{_scale(v, low, high, height - 4) + 2:.1f}"
        for i, v in enumerate(values)
        if v is not None
    )


@dataclass(frozen=True)
class LineChart:
    width: int
    height: int
    points: list[Point]
    polyline: str
    y_ticks: list[tuple[float, str]]


def line_chart(
    series: list[tuple[str, float | None, str]],
    low: float,
    high: float,
    width: int = 640,
    height: int = 220,
    ticks: int = 5,
) -> LineChart:
    """A month-by-month line; `series` holds (x label, value or None, value as text)."""
    inner_w, inner_h, left, top = width - 60, height - 50, 45, 10
    step = inner_w / max(1, len(series) - 1)
    points = [
        Point(left + i * step, top + _scale(v, low, high, inner_h), label, text)
        for i, (label, v, text) in enumerate(series)
        if v is not None
    ]
    tick_values = [low + (high - low) * i / (ticks - 1) for i in range(ticks)]
    # The tick's place is a coordinate (a point, always); its label is read (Dutch comma).
    y_ticks = [(top + _scale(v, low, high, inner_h), f"{v:g}") for v in tick_values]
    y_ticks = [(y, format_number(float(text), _decimals(text))) for y, text in y_ticks]
    polyline = " ".join(f"{p.x:.1f},{p.y:.1f}" for p in points)
    return LineChart(width, height, points, polyline, y_ticks)


def monthly_trend(trend: list, grade: bool, label_format: str = "%m-%Y", **size: int) -> LineChart:
    """A headline's (month, Figure) pairs as a line: grades on 1–10, shares on 0–100;
    months with a suppressed figure get no point."""
    series = [
        (f"{month:{label_format}}", figure.value if figure.shown else None, figure.display)
        for month, figure in trend
    ]
    return line_chart(series, 1 if grade else 0, 10 if grade else 100, **size)


@dataclass(frozen=True)
class MatrixPoint:
    x: float
    y: float
    label: str
    quadrant: str

    @property
    def label_x(self) -> float:
        return self.x + 9


def driver_matrix(
    weights: list[dict], names: dict[str, str], size: int = 360
) -> tuple[list[MatrixPoint], float, float]:
    """Importance (x, share of R²) × performance (y, % agree); returns points and the
    positions of the two split lines (the means, as in `drivers.importance_performance`).

    The performance axis spans the drivers' own range (rounded out to tens), so drivers that
    differ by a few points do not sit on one line."""
    if not weights:
        return [], 0, 0
    pad = 40
    inner = size - 2 * pad
    max_share = max(w["share"] for w in weights) * 1.15 or 1
    performances = [w["performance"] for w in weights]
    low = max(0.0, (min(performances) // 10) * 10 - 5)
    high = min(100.0, (max(performances) // 10 + 1) * 10 + 5)

    def x(share: float) -> float:
        return pad + share / max_share * inner

    def y(performance: float) -> float:
        return pad + _scale(performance, low, high, inner)

    points = [
        MatrixPoint(
            x(w["share"]), y(w["performance"]), names.get(w["driver"], w["driver"]), w["quadrant"]
        )
        for w in weights
    ]
    mean_share = sum(w["share"] for w in weights) / len(weights)
    mean_perf = sum(performances) / len(weights)
    return points, x(mean_share), y(mean_perf)
