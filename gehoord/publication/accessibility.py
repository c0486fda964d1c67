"""The accessibility statement's automated part: what axe-core found in the last recorded
run of the browser tests.

The browser tests check every page type they open against WCAG 2.1 A and AA with axe-core
(`gehoord/tests/browser/axe.py`). `make axe-summary` runs them with
`GEHOORD_AXE_SUMMARY` pointing at `axe_summary.json` beside this module, which is committed,
so an installation shows the results of the release it runs. Automated checks find only part
of the problems a person with a disability meets; the statement says so.
"""

import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SUMMARY_FILE = Path(__file__).with_name("axe_summary.json")


@dataclass(frozen=True)
class CheckedPage:
    route: str
    checks: int
    violations: int


@dataclass(frozen=True)
class AutomatedResults:
    generated_at: datetime
    commit: str
    standard: str
    pages: list[CheckedPage]

    @property
    def checks(self) -> int:
        return sum(page.checks for page in self.pages)

    @property
    def violations(self) -> int:
        return sum(page.violations for page in self.pages)


def automated_results(path: Path = SUMMARY_FILE) -> AutomatedResults | None:
    """The recorded summary; None when there is none (or it cannot be read)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return AutomatedResults(
            generated_at=datetime.fromisoformat(raw["generated_at"]),
            commit=str(raw["commit"]),
            standard=str(raw["standard"]),
            pages=[
                CheckedPage(str(p["route"]), int(p["checks"]), int(p["violations"]))
                for p in raw["pages"]
            ],
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def summary(checks: list[tuple[str, int]], generated_at: datetime, commit: str) -> dict:
    """The file's content from (route, violations) pairs, one per axe-core check."""
    pages: dict[str, dict] = {}
    for route, violations in checks:
        page = pages.setdefault(route, {"route": route, "checks": 0, "violations": 0})
        page["checks"] += 1
        page["violations"] += violations
    return {
        "generated_at": generated_at.isoformat(timespec="seconds"),
        "commit": commit,
        "standard": "WCAG 2.1 A + AA (axe-core)",
        "pages": sorted(pages.values(), key=lambda page: page["route"]),
    }
