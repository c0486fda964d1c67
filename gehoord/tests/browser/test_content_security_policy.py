"""Representative pages in Chromium under the real Content-Security-Policy: staff pages,
the builder, a survey page, the public results and their embeddable variant. Any blocked
script, stylesheet, inline style or frame shows up as a `securitypolicyviolation` event
or a console error, and fails the test."""

import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from gehoord.framework.models import Questionnaire
from gehoord.publication import query
from gehoord.surveys import service
from gehoord.tenancy.roles import Role

from .test_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before any page script, outside the page's policy; reports each violation to the
# console, where the listener below collects it (across navigations).
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error("CSP violation: " + event.violatedDirective + " blocked "
    + (event.blockedURI || "inline") + " on " + document.location.pathname);
});
"""


@pytest.fixture
def violations(page: Page) -> list[str]:
    found: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text or text.startswith("CSP violation"):
            found.append(text)

    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", on_console)
    return found


def visit(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    assert "unsafe-inline" not in (response.headers.get("content-security-policy") or "x")
    page.wait_for_load_state("networkidle")


def test_no_page_breaks_the_policy(page: Page, live_server, make_member, demo_org, violations):
    make_member(Role.ANALYST, demo_org, username="analist@example.org")
    questionnaire = Questionnaire.objects.filter(organisation=demo_org).order_by("pk").first()
    assert questionnaire is not None
    token = service.issue_token(questionnaire)
    published = query.published_services(demo_org)[0]
    base = live_server.url

    # Respondent first (no session), then the public pages, then the staff pages.
    visit(page, f"{base}/v/{token.token}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    visit(page, f"{base}/o/{demo_org.slug}/resultaten/")
    page.get_by_role("link", name=published.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(published.name)
    visit(page, page.url + ("&" if "?" in page.url else "?") + "insluiten=1")
    expect(page.locator(".site-header")).to_have_count(0)

    log_in(page, base, "analist@example.org")
    expect(page.get_by_role("link", name="Resultaten").first).to_be_visible()
    for path in (
        "/",
        "/resultaten/",
        "/resultaten/drijfveren/",
        f"/vragenlijsten/{questionnaire.pk}/",
    ):
        visit(page, base + path)
    # The chart's table alternative (a script-driven toggle) still works.
    visit(page, base + "/resultaten/")
    page.get_by_text("Tonen als tabel").first.click()
    assert violations == []


def test_a_foreign_page_may_not_frame_gehoord(page: Page, live_server, demo_org):
    """The check itself works: a frame from another origin is refused and reported."""
    messages: list[str] = []
    page.on("console", lambda message: messages.append(message.text))
    page.set_content(f'<iframe src="{live_server.url}/inloggen/"></iframe>')
    page.wait_for_timeout(1000)
    assert any("frame-ancestors" in text for text in messages), messages
