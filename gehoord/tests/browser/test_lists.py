"""Fast lists in a real browser: the responses list with its filters and cursor paging,
and the action form's signal picker typed into (htmx) and used without JavaScript.
axe-core checks every page."""

from datetime import date

import pytest
from playwright.sync_api import Browser, Page, expect

from gehoord.feedback.tests.factories import make_signal
from gehoord.improvement.models import Action
from gehoord.surveys.tests.factories import build_questionnaire, make_response
from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .test_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_responses_list_filters_and_pages(page: Page, live_server, make_member, org_a):
    questionnaire = build_questionnaire(org_a)
    for grade in (3, 8):
        make_response(questionnaire, {"grade": grade, "follow_up": 1, "improve": f"Tekst {grade}"})
    make_member(Role.ANALYST, org_a, username="analist@example.org")
    log_in(page, live_server.url, "analist@example.org")
    page.goto(live_server.url + "/enquetes/reacties/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_text("Tekst 3")).to_be_visible()
    assert_accessible(page)
    page.locator("#id_cijfer").select_option("8")
    page.locator("form.filter-bar button[type=submit]").click()
    expect(page.get_by_text("Tekst 8")).to_be_visible()
    expect(page.get_by_text("Tekst 3")).to_have_count(0)
    assert_accessible(page)


def test_signal_picker_with_and_without_javascript(
    page: Page, browser: Browser, live_server, make_member, org_a
):
    wanted = make_signal(org_a, text="Afvalbak niet geleegd", received_on=date(2026, 3, 2))
    for n in range(30):
        make_signal(org_a, text=f"Lang gewacht {n}", received_on=date(2026, 3, 1))
    make_member(Role.ANALYST, org_a, username="analist@example.org")
    log_in(page, live_server.url, "analist@example.org")
    page.goto(live_server.url + "/verbeteren/nieuw/")
    expect(page.locator("#signal-matches input[type=checkbox]")).to_have_count(0)
    assert_accessible(page)
    page.locator("#id_title").fill("Vaker legen")
    page.locator("#signal-search").press_sequentially("afvalbak", delay=20)
    box = page.locator(f"#signal-matches input[value='{wanted.pk}']")
    expect(box).to_be_visible()
    box.check()
    assert_accessible(page)
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vaker legen")
    action = Action.objects.get()
    assert list(action.signals.all()) == [wanted]

    # Without JavaScript the search button sends the form back with the matches.
    context = browser.new_context(java_script_enabled=False)
    plain = context.new_page()
    log_in(plain, live_server.url, "analist@example.org")
    plain.goto(live_server.url + "/verbeteren/nieuw/")
    plain.locator("#id_title").fill("Zonder script")
    plain.locator("#signal-search").fill("gewacht")
    plain.locator("button[name=zoek_signalen]").click()
    expect(plain.locator("#id_title")).to_have_value("Zonder script")
    expect(plain.locator("#signal-matches input[type=checkbox]")).to_have_count(20)
    context.close()
