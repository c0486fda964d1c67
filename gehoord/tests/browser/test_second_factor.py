"""Two-step verification in a real browser: set up the app after the password, keep the
backup codes, log in again with one of them. axe-core checks every page."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import Page, expect

from gehoord.conftest import PASSWORD
from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .second_step import app_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def submit_password(page: Page, base_url: str, typed: str) -> None:
    page.goto(base_url + "/inloggen/")
    page.get_by_label("E-mailadres").fill(typed)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_role("button", name="Inloggen").click()


def test_set_up_the_app_then_log_in_with_a_backup_code(
    page: Page, live_server, make_member, org_a, clock
):
    analyst = make_member(Role.ANALYST, org_a, username="analist@alfa.example.org")
    # The e-mail address in capitals logs in the same account.
    submit_password(page, live_server.url, "Analist@Alfa.Example.org")
    expect(page.get_by_role("heading", name="Tweestapsverificatie instellen")).to_be_visible()
    expect(page.locator(".qr-code svg")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Code").fill("12345")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze code klopt niet")
    assert_accessible(page)

    # After a wrong code the next try must wait a second (the throttle); a person types the
    # right code later than that, a test does not.
    clock.shift(2)
    device = TOTPDevice.objects.get(user=analyst, confirmed=False)
    page.get_by_label("Code").fill(app_code(device))
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_role("heading", name="Uw reservecodes")).to_be_visible()
    codes = page.locator(".backup-codes code").all_inner_texts()
    assert len(codes) == 10
    assert_accessible(page)
    page.get_by_role("link", name="Ik heb de codes bewaard").click()
    expect(page.get_by_text(f"U werkt in {org_a.name}")).to_be_visible()

    page.get_by_role("button", name="Uitloggen").click()
    submit_password(page, live_server.url, analyst.username)
    expect(page.get_by_role("heading", name="Tweestapsverificatie", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_text(f"U werkt in {org_a.name}")).to_be_visible()
    assert_accessible(page)
