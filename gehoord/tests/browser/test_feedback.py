"""Signals in a real browser: a resident uses the public feedback form (errors, then a
message with HTML in it); an analyst codes texts with the keyboard only; axe-core checks
every feedback page (WCAG 2.1 A and AA).

Labels are matched in Dutch or English: the Dutch catalogue for these screens is merged
separately, and the tests must hold before and after."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from gehoord.catalog.tests.factories import make_service, make_team
from gehoord.feedback import public_form, service
from gehoord.feedback.models import Coding, FollowUp, Signal, SignalKind
from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .test_respondent import press_tab_until_focused
from .test_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def either(*names: str) -> re.Pattern:
    return re.compile("^(" + "|".join(re.escape(n) for n in names) + ")$")


def test_public_feedback_form(page: Page, live_server, org_a, monkeypatch):
    monkeypatch.setattr(public_form, "MIN_SECONDS", 0)  # a test types faster than a person
    make_service(org_a, "Paspoort", code="paspoort")
    page.goto(f"{live_server.url}/o/{org_a.slug}/feedback/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)

    # Sent empty: a clear error summary, nothing stored.
    page.get_by_role("button", name=either("Send", "Versturen", "Verzenden")).click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
    assert not Signal.objects.exists()

    page.get_by_role("radio", name=either("A complaint", "Een klacht")).check()
    page.get_by_role("combobox").select_option(label="Paspoort")
    attack = "<script>document.title='gehackt'</script> Mijn pas is <b>kwijt</b>."
    page.get_by_role("textbox", name=re.compile("message|bericht", re.I)).fill(attack)
    page.get_by_role("checkbox", name=re.compile("^(I would like|Ik wil)", re.I)).check()
    page.get_by_role("textbox", name=re.compile("phone|telefoon", re.I)).fill("06 12345678")
    page.get_by_role("checkbox", name=re.compile("^(You may use|U mag)", re.I)).check()
    page.get_by_role("button", name=either("Send", "Versturen", "Verzenden")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        either("Thank you for your message", "Bedankt voor uw bericht")
    )
    assert_accessible(page)
    signal = Signal.objects.get()
    assert signal.text == attack and signal.due_on is not None
    assert FollowUp.objects.get(signal=signal).contact_phone == "06 12345678"


@pytest.fixture
def analyst(make_member, org_a):
    return make_member(Role.ANALYST, org_a, username="analist@example.org")


def test_coding_with_the_keyboard_only(page: Page, live_server, org_a, analyst):
    older = service.record_signal(
        org_a,
        kind=SignalKind.COMPLAINT,
        received_on=date(2026, 3, 2),
        text="Ik kom telefonisch niet door.",
    )
    newer = service.record_signal(
        org_a,
        kind=SignalKind.COMPLAINT,
        received_on=date(2026, 3, 3),
        text="Ik wacht al weken op antwoord.",
    )
    log_in(page, live_server.url, "analist@example.org")
    page.goto(live_server.url + "/coderen/")
    expect(page.locator("blockquote")).to_contain_text("Ik wacht al weken")
    assert_accessible(page)

    # Tab to the second theme (Wachttijd) and tick it with Space.
    themes = page.locator("input[name=theme]")
    press_tab_until_focused(page, themes.nth(1))
    page.keyboard.press("Space")
    expect(themes.nth(1)).to_be_checked()
    # The digit shortcut ticks a theme too: 3 = Bejegening.
    page.keyboard.press("3")
    expect(themes.nth(2)).to_be_checked()
    page.keyboard.press("3")
    expect(themes.nth(2)).not_to_be_checked()
    press_tab_until_focused(
        page, page.get_by_role("button", name=either("Save and next", "Opslaan en volgende"))
    )
    page.keyboard.press("Enter")

    expect(page.locator("blockquote")).to_contain_text("telefonisch niet door")
    assert_accessible(page)
    assert list(Coding.objects.filter(signal=newer).values_list("theme__code", flat=True)) == [
        "wachttijd"
    ]
    # Skip with the keyboard: the link is reachable by Tab.
    press_tab_until_focused(page, page.get_by_role("link", name=either("Skip", "Overslaan")))
    page.keyboard.press("Enter")
    expect(page.locator(".empty-state")).to_be_visible()
    assert not Coding.objects.filter(signal=older).exists()


def test_feedback_screens_are_accessible(page: Page, live_server, make_member, org_a):
    make_member(Role.ADMINISTRATOR, org_a, username="beheer@example.org")
    make_team(org_a, "Klantcontactcentrum")
    today = timezone.localdate()
    late = service.record_signal(
        org_a,
        kind=SignalKind.COMPLAINT,
        text="Te laat",
        received_on=today - timedelta(weeks=8),
        contact={"name": "Jan", "email": "jan@example.org", "consent": True},
    )
    service.record_signal(
        org_a, kind=SignalKind.OBJECTION, text="Bezwaar", received_on=today - timedelta(weeks=5)
    )
    log_in(page, live_server.url, "beheer@example.org")
    for path in (
        "/signalen/",
        "/signalen/?status=te-laat",
        f"/signalen/{late.pk}/",
        "/signalen/nieuw/",
        f"/signalen/{late.pk}/wijzigen/",
        "/signalen/importeren/",
        "/signalen/instellingen/",
        "/opvolging/",
        f"/opvolging/{late.follow_up.pk}/",
        "/coderen/themas/",
        "/coderen/?bron=antwoorden",
    ):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    # An error state on the case screen: a decision before the date of receipt.
    page.goto(f"{live_server.url}/signalen/{late.pk}/")
    page.locator("#id_decided_on").fill("2020-01-01")
    page.get_by_role("button", name=either("Record the decision", "Besluit vastleggen")).click()
    expect(page.get_by_role("alert")).to_be_visible()
    assert_accessible(page)
