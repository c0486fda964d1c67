"""Every link a member is shown must open for them: a crawl per role of the demo world.

Starting at the home page, each role follows the navigation and the links on the pages it
reaches (same origin, GET only), a few pages per screen, and fails on any 403 or 500.
"""

from __future__ import annotations

from collections import deque
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.urls import Resolver404, resolve

from gehoord.tenancy.models import Membership
from gehoord.tenancy.roles import Role

MAX_PAGES = 120
MAX_DEPTH = 3
PER_SCREEN = 2  # detail screens repeat per record; two of each say enough
# Links that change state, download files or leave the staff screens.
SKIP_PREFIXES = ("/logout", "/uitloggen", "/static/", "/media/", "/api/", "/admin/")
SKIP_WORDS = ("download", "export.", ".csv", ".pdf", ".xlsx", ".sav", ".json")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            href = dict(attrs).get("href")
            if href and not dict(attrs).get("download"):
                self.hrefs.append(href)


def _links(page_url: str, html: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        parts = urlsplit(urljoin("http://testserver" + page_url, href))
        if parts.netloc != "testserver" or parts.scheme not in ("http", "https"):
            continue
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path.startswith(SKIP_PREFIXES) or any(w in path.lower() for w in SKIP_WORDS):
            continue
        found.append(path)
    return found


def crawl(client) -> tuple[list[tuple[str, int]], list[str]]:
    """(pages visited with their status, failures as 'status url (from page)')."""
    seen: set[str] = set()
    per_screen: dict[str, int] = {}
    queue: deque[tuple[str, int, str]] = deque([("/", 0, "")])
    visited: list[tuple[str, int]] = []
    failures: list[str] = []
    while queue and len(visited) < MAX_PAGES:
        url, depth, source = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        try:
            screen = resolve(urlsplit(url).path).view_name
        except Resolver404:
            screen = url
        if per_screen.get(screen, 0) >= PER_SCREEN:
            continue
        per_screen[screen] = per_screen.get(screen, 0) + 1
        response = client.get(url)
        visited.append((url, response.status_code))
        if response.status_code in (403, 500):
            failures.append(f"{response.status_code} {url} (linked from {source})")
            continue
        content_type = response.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith("text/html"):
            continue
        if depth < MAX_DEPTH:
            for link in _links(url, response.content.decode()):
                if link not in seen:
                    queue.append((link, depth + 1, url))
    return visited, failures


@pytest.mark.parametrize("role", list(Role))
def test_no_link_shown_to_a_role_answers_403(client, demo_org, role):
    membership = Membership.objects.filter(organisation=demo_org, role=role).first()
    assert membership is not None, role
    client.force_login(membership.user)
    visited, failures = crawl(client)
    # The record of what was crawled, shown with -s or when the test fails.
    print(f"\n{role}: {len(visited)} pages")
    for url, status in visited:
        print(f"  {status} {url}")
    assert len(visited) >= 2, visited  # the crawl did reach the screens
    assert not failures, "\n".join(failures)


class _MenuLinks(HTMLParser):
    """The links of the main navigation: (href, label, is current)."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str, bool]] = []
        self._depth = 0
        self._link: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "nav" and "main-nav" in (attributes.get("class") or ""):
            self._depth = 1
        elif tag == "nav" and self._depth:
            self._depth += 1
        if tag == "a" and self._depth:
            self._link = {"href": attributes.get("href"), "current": "aria-current" in attributes}
            self._link["label"] = ""

    def handle_data(self, data: str) -> None:
        if self._link is not None:
            self._link["label"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._link is not None:
            link = self._link
            self.links.append((link["href"], " ".join(link["label"].split()), link["current"]))
            self._link = None
        elif tag == "nav" and self._depth:
            self._depth -= 1


@pytest.mark.parametrize("role", list(Role))
def test_the_menu_names_each_screen_once(client, demo_org, role):
    """No two menu entries lead to one screen or carry one name, and on each screen the
    menu marks at most one entry as the current one."""
    membership = Membership.objects.filter(organisation=demo_org, role=role).first()
    assert membership is not None, role
    client.force_login(membership.user)
    parser = _MenuLinks()
    parser.feed(client.get("/").content.decode())
    menu = parser.links
    assert menu, role
    hrefs = [href for href, _, _ in menu]
    labels = [label for _, label, _ in menu]
    assert len(set(hrefs)) == len(hrefs), menu
    assert len(set(labels)) == len(labels), menu
    for href in hrefs:
        screen = _MenuLinks()
        screen.feed(client.get(href).content.decode())
        current = [h for h, _, is_current in screen.links if is_current]
        assert current == [href], (href, current)
