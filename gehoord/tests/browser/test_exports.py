"""Exports in a real browser: ask for one, see it ready, download it; every page accessible."""

import pytest
from huey.contrib.djhuey import HUEY
from playwright.sync_api import Page, expect

from gehoord.insights.exports.tests.conftest import small_survey  # noqa: F401 (fixture)
from gehoord.insights.models import ExportJob, ExportStatus
from gehoord.insights.tests.factories import make_export_job
from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .test_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def immediate_huey():
    HUEY.immediate = True
    yield
    HUEY.immediate = False


def test_request_follow_and_download_an_export(
    page: Page,
    live_server,
    make_member,
    org_a,
    small_survey,  # noqa: F811
    immediate_huey,
):
    analyst = make_member(Role.ANALYST, org_a, username="analist@example.org")
    log_in(page, live_server.url, analyst.username)
    page.goto(live_server.url + "/resultaten/exporteren/")
    assert_accessible(page)

    page.locator("#id_wat").select_option("responses")
    page.locator("#id_formaat").select_option("csv")
    page.locator("form.form button[type=submit]").click()
    job = ExportJob.objects.get()
    expect(page).to_have_url(f"{live_server.url}/resultaten/exporteren/{job.pk}/")
    link = page.locator(f"a[href='/resultaten/exporteren/{job.pk}/bestand/']")
    expect(link).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == ExportJob.objects.get().filename

    # A job still running shows its progress and is accessible while it polls.
    running = make_export_job(org_a, "responses", "sav", ExportStatus.RUNNING, done=2, total=8)
    page.goto(f"{live_server.url}/resultaten/exporteren/{running.pk}/")
    expect(page.locator("progress")).to_have_attribute("value", "25")
    assert_accessible(page)
