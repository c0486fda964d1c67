"""axe-core checks against WCAG 2.1 A and AA, shared by all browser tests.

Each check is also recorded by route (the URL pattern, never the address with its tokens),
so a run with `GEHOORD_AXE_SUMMARY` set writes the summary the accessibility statement
shows (`make axe-summary`, `gehoord/publication/accessibility.py`).
"""

from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from django.urls import Resolver404, resolve
from playwright.sync_api import Page

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
_axe = Axe()

# (route, violations) per check made in this test process.
RECORDED: list[tuple[str, int]] = []


def route_of(url: str) -> str:
    path = urlsplit(url).path
    try:
        return resolve(path).route
    except Resolver404:
        return "(unknown page)"


def assert_accessible(page: Page) -> None:
    results = _axe.run(page, options=WCAG_21_AA)
    RECORDED.append((route_of(page.url), results.violations_count))
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"
