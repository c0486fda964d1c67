"""The panel sign-up and the receipt in a real browser, checked by axe-core (WCAG 2.1 AA):
a resident signs up, confirms with the link from the e-mail, and sends a complaint with a
confirmation address."""

import re

import pytest
from django.core.cache import cache
from huey.contrib.djhuey import HUEY
from playwright.sync_api import Page, expect

from gehoord.contacts.models import Contact
from gehoord.feedback import public_form
from gehoord.feedback.models import Signal

from .axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def immediate_huey():
    cache.clear()
    HUEY.immediate = True
    yield
    HUEY.immediate = False
    cache.clear()


def test_sign_up_confirm_and_receipt(
    page: Page, live_server, org_a, smtp_inbox, immediate_huey, monkeypatch
):
    page.goto(f"{live_server.url}/o/{org_a.slug}/meedenken/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name=re.compile("^(Sign up|Aanmelden)$")).click()
    expect(page.get_by_role("alert").first).to_be_visible()  # the error summary
    assert_accessible(page)

    page.get_by_role("textbox", name=re.compile("e-mail", re.I)).fill("noor@example.org")
    page.get_by_role("checkbox").check()
    page.get_by_role("button", name=re.compile("^(Sign up|Aanmelden)$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("^(Check your e-mail|Kijk in uw e-mail)$")
    )
    assert_accessible(page)
    assert not Contact.objects.exists()
    text = smtp_inbox.messages[0].get_body(preferencelist=("plain",)).get_content()
    path = re.search(r"http://127\.0\.0\.1:8000(/\S+/bevestigen/\S+/)", text)[1]
    page.goto(live_server.url + path)
    assert_accessible(page)
    page.get_by_role("button").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile("^(You have joined the panel|U doet mee met het panel)$")
    )
    assert_accessible(page)
    assert Contact.objects.get().consents.get().purpose == "panel"

    monkeypatch.setattr(public_form, "MIN_SECONDS", 0)
    page.goto(f"{live_server.url}/o/{org_a.slug}/feedback/")
    page.get_by_role("radio").first.check()
    page.get_by_role("textbox", name=re.compile("message|bericht", re.I)).fill("Te lang gewacht.")
    page.get_by_role("textbox", name=re.compile("confirmation|ontvangstbevestiging", re.I)).fill(
        "noor@example.org"
    )
    page.get_by_role("button", name=re.compile("^(Send|Versturen|Verzenden)$")).click()
    number = Signal.objects.get().receipt_number
    expect(page.get_by_role("status")).to_contain_text(number)
    assert_accessible(page)
    assert number in smtp_inbox.messages[-1]["Subject"]
