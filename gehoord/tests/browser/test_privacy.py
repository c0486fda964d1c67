"""An administrator in a real browser: the retention screen and the subject access export
of a contact, each page checked by axe-core (WCAG 2.1 A and AA)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from gehoord.contacts.models import Contact
from gehoord.contacts.tests.factories import make_contact
from gehoord.tenancy.roles import Role

from .axe import assert_accessible
from .test_shell import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_retention_screen_and_subject_access_download(page: Page, live_server, make_member, org_a):
    admin = make_member(Role.ADMINISTRATOR, org_a, username="privacy@example.org")
    contact = make_contact(org_a, "Anna de Jong", email="anna@example.org")
    long_ago = timezone.now() - timedelta(days=800)
    old = make_contact(org_a, "Oud Contact", email="oud@example.org")
    Contact.objects.filter(pk=old.pk).update(created_at=long_ago, updated_at=long_ago)
    log_in(page, live_server.url, admin.username)

    page.get_by_role("link", name="Beheer").first.click()
    page.get_by_role("link", name="Bewaartermijnen").click()
    expect(page.get_by_role("heading", name="Volgende opschoning", exact=False)).to_be_visible()
    next_run = page.get_by_test_id("next-run")
    expect(next_run.get_by_role("row", name="Contacten 1")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/contacten/{contact.pk}/")
    section = page.get_by_role("region", name="Alles wat wij over deze inwoner bewaren")
    expect(section).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download_info:
        section.get_by_role("link", name="Downloaden als pdf").click()
    download = download_info.value
    assert download.suggested_filename == f"inzage-contact-{contact.pk}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"
