"""Browser tests drive Debian's Chromium through Playwright (its own download is not used)."""

import json
import os
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from gehoord.config import read

# Playwright's sync API runs an event loop in this thread while the test's database work
# (fixtures, set-up and the flush afterwards) stays synchronous, so Django's async-safety
# guard is relaxed for this test process. Subprocesses started by tests drop it again.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = str(read("CHROMIUM_PATH"))


def pytest_collection_modifyitems(config, items):
    if read("GEHOORD_SKIP_BROWSER"):
        # Deselected, not skipped: a run told to leave them out has nothing to report on them.
        browser = [item for item in items if "browser" in item.keywords]
        config.hook.pytest_deselected(items=browser)
        items[:] = [item for item in items if "browser" not in item.keywords]
        return
    if os.path.exists(CHROMIUM):
        return
    if read("GEHOORD_REQUIRE_BROWSER"):
        raise pytest.UsageError(f"Chromium not found at {CHROMIUM}; install it (apt chromium)")
    skip = pytest.mark.skip(reason=f"Chromium not found at {CHROMIUM} (apt install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


def pytest_sessionfinish(session, exitstatus):
    """With GEHOORD_AXE_SUMMARY set, write what axe-core checked for the accessibility
    statement; only after a run in which every test passed, so it never shows a partial run."""
    target = read("GEHOORD_AXE_SUMMARY")
    if not target or exitstatus != 0:
        return
    from gehoord.publication.accessibility import summary
    from gehoord.tests.browser.axe import RECORDED

    if not RECORDED:
        return
    commit = subprocess.run(
        ["git", "rev-parse", "HEAD"], capture_output=True, text=True, check=False
    ).stdout.strip()
    content = summary(RECORDED, datetime.now(UTC), commit or "unknown")
    Path(target).write_text(json.dumps(content, indent=2) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }
