"""Every page of the demo reads as Dutch: no English decimals, wrong plurals or raw codes.

Each role crawls the demo world the way it navigates (as `test_navigation_crawl` does),
together with the public pages, and every text a person reads — text nodes, tooltips
(`title`) and labels for screen readers (`aria-label`) — is checked for:

- an English decimal point ("3.25", "0.5", "p < 0.001") or English thousands ("12,543");
- a wrong plural ("1 dagen", "1 reacties"): counts go through ngettext;
- raw JSON (`{"period": …}`) and internal codes beside texts ("(drv_snel)",
  "email → sms → letter").

Dates ("3.12.2026"), versions and addresses (several points), times ("10.30 uur") and
Dutch thousands ("12.543") are not decimals. The English interface is crawled once for the
mirror image: no Dutch decimal comma there.
"""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.urls import Resolver404, resolve, reverse

from gehoord.tenancy.models import Membership
from gehoord.tenancy.roles import Role

from .test_navigation_crawl import _links

MAX_PAGES = 90
MAX_DEPTH = 3
PER_SCREEN = 1  # the text of a screen is made by one template; one record of each will do
# Text a person does not read as prose: code, scripts, styles, and what they typed.
SKIPPED_TAGS = {"script", "style", "code", "pre", "textarea", "kbd", "samp"}
# Screens that are mostly what staff wrote themselves, in Dutch, whatever the interface.
USER_PROSE = frozenset({"improvement:practices"})
READ_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")

# A point between digits, not part of a longer dotted run (a date, an address, a version),
# not a time, not a law's article ("AVG art. 6.1e") and not a standard's version ("WCAG 2.1"):
# an English decimal unless it is a Dutch thousands group ("12.543").
_DOTTED = re.compile(r"(?<![\d.,])(?<!art\. )(?<!WCAG )(\d+)\.(\d+)(?![\d]|[.,]\d)(?!\s*uur)")
# English thousands with a decimal point, or "12,543" where Dutch would write "12.543".
_ENGLISH_THOUSANDS = re.compile(r"(?<![\d.,])[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?(?![\d.,])")
# A Dutch decimal comma, in the English interface.
_DUTCH_DECIMAL = re.compile(r"(?<![\d.,])\d+,\d{1,2}(?![\d.,])")
COUNTED = (
    "dagen|werkdagen|weken|maanden|jaren|reacties|antwoorden|uitnodigingen|rijen|toetsen|"
    "teksten|signalen|acties|vragen|inwoners|contacten|collega's|aanbieders|teams|diensten"
)
_WRONG_PLURAL = re.compile(rf"(?<![\d.,])1 ({COUNTED})\b")
_ENGLISH_WRONG_PLURAL = re.compile(
    r"(?<![\d.,])1 (days|weeks|months|responses|answers|invitations|rows|tests|texts)\b"
)
_RAW_JSON = re.compile(r"\{\s*\"[^\"]*\"\s*:")
_RAW_CODE = re.compile(r"\((?:drv|wmo|hd|core)_[a-z0-9_]+\)|\b(?:email|sms|letter)\s*→")


# A web address keeps its own dots ("…/v2.0"): not a number anyone reads.
_URL = re.compile(r"(?:https?://|(?<!\S)/)\S+")


def english_decimals(text: str) -> list[str]:
    found = []
    text = _URL.sub(" ", text)
    for match in _DOTTED.finditer(text):
        whole, fraction = match.groups()
        # Dutch thousands: groups of three after a whole part that does not start with 0.
        if len(fraction) == 3 and not whole.startswith("0"):
            continue
        found.append(match.group(0))
    found += _ENGLISH_THOUSANDS.findall(text)
    return found


def problems_in_dutch(text: str) -> list[str]:
    return [
        *(f"English decimal {m!r}" for m in english_decimals(text)),
        *(f"wrong plural {m.group(0)!r}" for m in _WRONG_PLURAL.finditer(text)),
        *(f"raw JSON {m.group(0)!r}" for m in _RAW_JSON.finditer(text)),
        *(f"raw code {m.group(0)!r}" for m in _RAW_CODE.finditer(text)),
    ]


def problems_in_english(text: str) -> list[str]:
    return [
        *(f"Dutch decimal {m.group(0)!r}" for m in _DUTCH_DECIMAL.finditer(text)),
        *(f"wrong plural {m.group(0)!r}" for m in _ENGLISH_WRONG_PLURAL.finditer(text)),
        *(f"raw JSON {m.group(0)!r}" for m in _RAW_JSON.finditer(text)),
        *(f"raw code {m.group(0)!r}" for m in _RAW_CODE.finditer(text)),
    ]


class _ReadText(HTMLParser):
    """The texts of a page a person reads, one per text node or attribute."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._skipping: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in READ_ATTRIBUTES and value:
                self.texts.append(value)
        if tag in SKIPPED_TAGS:
            self._skipping.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._skipping and self._skipping[-1] == tag:
            self._skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipping and data.strip():
            self.texts.append(" ".join(data.split()))


def read_texts(html: str) -> list[str]:
    parser = _ReadText()
    parser.feed(html)
    return parser.texts


def scan(
    client, start: list[str], check, skip: frozenset[str] = frozenset()
) -> tuple[int, list[str]]:
    """(pages read, problems as 'url: problem in «text»'); `skip`: screens not read."""
    seen: set[str] = set()
    per_screen: dict[str, int] = {}
    queue = deque((url, 0) for url in start)
    pages = 0
    problems: list[str] = []
    while queue and pages < MAX_PAGES:
        url, depth = queue.popleft()
        if url in seen:
            continue
        seen.add(url)
        try:
            screen = resolve(urlsplit(url).path).view_name
        except Resolver404:
            screen = url
        if per_screen.get(screen, 0) >= PER_SCREEN or screen in skip:
            continue
        per_screen[screen] = per_screen.get(screen, 0) + 1
        response = client.get(url)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith(
            "text/html"
        ):
            continue
        pages += 1
        html = response.content.decode()
        for text in read_texts(html):
            problems += [f"{url}: {problem} in «{text[:160]}»" for problem in check(text)]
        if depth < MAX_DEPTH:
            queue.extend((link, depth + 1) for link in _links(url, html) if link not in seen)
    return pages, problems


def test_the_scan_finds_what_it_looks_for():
    assert english_decimals("t = 3.83, df = 12542.9, p < 0.001") == ["3.83", "12542.9", "0.001"]
    assert english_decimals("Assen 3.25 · 5.5 · 12,543") == ["3.25", "5.5", "12,543"]
    assert not english_decimals("t = 3,83; df = 12.542,9; p < 0,001; 1.234 reacties")
    assert not english_decimals("3.12.2026 om 10.30 uur vanaf 127.0.0.1 (AVG art. 6.1e)")
    assert problems_in_dutch("1 dagen na de gebeurtenis")
    assert not problems_in_dutch("1 dag na de gebeurtenis; 21 dagen; 11 reacties")
    assert problems_in_dutch('Selectie: {"period": "venster"}')
    assert problems_in_dutch("Ik werd snel geholpen. (drv_snel)")
    assert problems_in_dutch("email → sms → letter")
    assert not problems_in_dutch("E-mail → Sms → Brief")
    assert problems_in_english("Grade 7,4") and not problems_in_english("Grade 7.4; 12,543")


def _public_pages(slug: str) -> list[str]:
    names = ["public_form", "panel_signup", "public_services", "public_list"]
    urls = []
    for name in names:
        for namespace in ("feedback", "contacts", "publication", "improvement"):
            try:
                urls.append(reverse(f"{namespace}:{name}", kwargs={"slug": slug}))
                break
            except Exception:  # noqa: BLE001 - the name lives in one of the namespaces
                continue
    return urls


@pytest.mark.parametrize("role", list(Role))
def test_every_page_a_role_reads_is_in_dutch_notation(client, demo_org, role):
    membership = Membership.objects.filter(organisation=demo_org, role=role).first()
    assert membership is not None, role
    client.force_login(membership.user)
    pages, problems = scan(client, ["/"], problems_in_dutch)
    print(f"\n{role}: {pages} pages read")
    assert pages >= 2
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_public_pages_are_in_dutch_notation(client, demo_org):
    pages, problems = scan(client, _public_pages(demo_org.slug), problems_in_dutch)
    assert pages >= 2
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_english_interface_uses_english_notation(client, demo_org):
    membership = Membership.objects.filter(organisation=demo_org, role=Role.ANALYST).first()
    assert membership is not None
    client.force_login(membership.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    # Practices are prose staff wrote in Dutch ("van 3,2 naar 3,9"): their text, not ours.
    pages, problems = scan(client, ["/"], problems_in_english, USER_PROSE)
    assert pages >= 2
    assert not problems, "\n".join(sorted(set(problems)))
