"""The summary table at the end of `make bench`: every figure beside its baseline, the
ratio, the goal and whether it was met, so runs can be compared between commits.

Each bench script calls `record(...)` for its figures; with BENCH_SUMMARY set (`make bench`
sets it to a file of its own) they are added to that file, one JSON object per line, and
`python bench/summary.py` prints the table of that file. Without BENCH_SUMMARY `record`
does nothing, so a script run alone prints only its own lines.
"""

import json
import sys
from pathlib import Path

from gehoord.config import read


def record(
    figure: str,
    value: float,
    unit: str,
    *,
    goal: str,
    passed: bool,
    baseline: float | None = None,
) -> None:
    """Add one figure to the summary: `value` (in `unit`), what it is compared with
    (`baseline`, same unit, or None), the goal in words and whether it was met."""
    target = read("BENCH_SUMMARY")
    if not target:
        return
    row = {
        "figure": figure,
        "value": value,
        "unit": unit,
        "baseline": baseline,
        "goal": goal,
        "passed": passed,
    }
    with Path(target).open("a", encoding="utf-8") as out:
        out.write(json.dumps(row) + "\n")


def number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    whole = float(value).is_integer() or abs(value) >= 100
    text = f"{value:,.0f}" if whole else f"{value:.2f}"
    return f"{text} {unit}".strip()


def table(rows: list[dict]) -> str:
    header = ("figure", "value", "baseline", "ratio", "goal", "result")
    lines = [
        (
            row["figure"],
            number(row["value"], row["unit"]),
            number(row["baseline"], row["unit"]),
            number(row["value"] / row["baseline"]) + "×" if row["baseline"] else "—",
            row["goal"],
            "pass" if row["passed"] else "FAIL",
        )
        for row in rows
    ]
    widths = [max(len(str(cells[i])) for cells in [header, *lines]) for i in range(len(header))]
    out = [
        "  ".join(f"{cell:<{w}}" for cell, w in zip(header, widths, strict=True)),
        "  ".join("-" * w for w in widths),
    ]
    for cells in lines:
        out.append("  ".join(f"{cell:<{w}}" for cell, w in zip(cells, widths, strict=True)))
    return "\n".join(out)


def main() -> None:
    target = read("BENCH_SUMMARY")
    path = Path(target) if target else None
    if path is None or not path.exists():
        raise SystemExit("no figures recorded (set BENCH_SUMMARY, as `make bench` does)")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    print("\nmake bench: summary")
    print(table(rows))
    failed = [row["figure"] for row in rows if not row["passed"]]
    print(f"\n{len(rows) - len(failed)} of {len(rows)} goals met")
    if failed:
        print("not met: " + "; ".join(failed))
    sys.exit(0)


if __name__ == "__main__":
    main()
