"""The charts in a real browser, at a desktop's and a phone's width: the trend and the
agreement bars on the results page, the driver matrix, the maturity radar (and the key
figures' sparklines). Each is drawn by vega-embed from /static/ as an <svg>, no wider
than the window; the page runs under a Content-Security-Policy without 'unsafe-inline'
for scripts and styles (stricter than the one served today), which must report no
violation; axe-core finds nothing. (Whether a whole page fits the window is the
page-width test's concern, not this one's.)"""

import pytest
from playwright.sync_api import Page, Route, expect

from gehoord.improvement.models import MaturityScan
from gehoord.insights import driver_analysis
from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .test_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STRICT_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(
    [e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber, e.sample].join(" ")
  );
});
"""
SIZES = [(1366, 800), (360, 740)]


def strict_policy(route: Route) -> None:
    """Serve each page with the strict policy in place of the one the server sends."""
    if route.request.resource_type != "document":
        route.continue_()
        return
    response = route.fetch()
    headers = {k: v for k, v in response.headers.items() if k != "content-security-policy"}
    route.fulfill(response=response, headers={**headers, "content-security-policy": STRICT_POLICY})


@pytest.fixture
def analyst(make_member, demo_org):
    make_member(Role.ANALYST, demo_org, username="analist@example.org")
    driver_analysis.compute(demo_org)
    return demo_org


def assert_charts_drawn(page: Page, count: int) -> None:
    charts = page.locator("[data-vega-spec]")
    expect(charts).to_have_count(count)
    expect(page.locator("[data-vega-drawn]")).to_have_count(count, timeout=15_000)
    assert page.locator("[data-vega-error]").count() == 0
    width = page.evaluate("window.innerWidth")
    for i in range(count):
        svg = charts.nth(i).locator("svg").first
        expect(svg).to_be_attached()
        box = svg.bounding_box()
        assert box is not None and box["width"] > 0
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 1, (page.url, box, width)
    assert page.evaluate("window.__violations") == [], page.url


def test_charts_render_within_the_window_under_a_strict_policy(page: Page, live_server, analyst):
    scan = MaturityScan.objects.filter(organisation=analyst).order_by("-held_on").first()
    assert scan is not None
    # Log in first: the strict policy is served by fetching each page in the route, which
    # follows the log-in's redirects behind the browser's back.
    log_in(page, live_server.url, "analist@example.org")
    page.add_init_script(WATCH_VIOLATIONS)
    page.route("**/*", strict_policy)
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})

        page.goto(live_server.url + "/resultaten/")
        # The trend, the agreement bars and one sparkline per key figure but the response
        # rate.
        sparklines = page.locator(".vega-chart--sparkline").count()
        assert sparklines >= 1
        assert_charts_drawn(page, sparklines + 2)
        trend = page.locator("figure.chart [data-vega-spec] svg").first
        labels = trend.locator("text").all_text_contents()
        assert any(label.endswith(" 2026") for label in labels)  # "nov 2026"
        assert any("," in label for label in labels)  # grades with a decimal comma
        bars = page.locator("figure.chart [data-vega-spec] svg").nth(1)
        labels = bars.locator("text").all_text_contents()
        assert labels.count("50%") == 2 and "Eens" in labels  # both sides; the legend
        assert_accessible(page)

        page.goto(live_server.url + "/resultaten/drijfveren/")
        assert_charts_drawn(page, 1)
        matrix = page.locator("[data-vega-spec] svg").first
        assert "%" in " ".join(matrix.locator("text").all_text_contents())  # axis values
        expect(page.get_by_role("table", name="Drijfveren")).to_be_visible()
        assert_accessible(page)

        page.goto(f"{live_server.url}/verbeteren/volwassenheid/{scan.pk}/")
        assert_charts_drawn(page, 1)
        assert_accessible(page)
