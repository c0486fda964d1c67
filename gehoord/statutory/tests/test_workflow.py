"""The yearly duty through the staff screens: plan, progress, close, report, publish."""

from datetime import date, datetime

import pytest
from django.urls import reverse

from gehoord.statutory import query, report, service
from gehoord.statutory.models import Law, StatutoryYear, YearStatus
from gehoord.statutory.tasks import send_deadline_reminders

from .helpers import wmo_world

pytestmark = pytest.mark.django_db


def test_plan_a_year_through_the_form(client_a, org_a):
    response = client_a.post(
        reverse("statutory:create"),
        {
            "year": 2027,
            "law": Law.YOUTH,
            "population": "Jongeren en ouders met jeugdhulp in 2027.",
            "population_size": 400,
            "sampling": "sample",
            "sample_size": "",
            "channels": ["email", "paper"],
            "invited_outside": 0,
        },
    )
    assert response.status_code == 200  # a sample needs its size
    assert "hoeveel" in response.content.decode().lower()
    response = client_a.post(
        reverse("statutory:create"),
        {
            "year": 2027,
            "law": Law.YOUTH,
            "population": "Jongeren en ouders met jeugdhulp in 2027.",
            "sampling": "sample",
            "sample_size": 250,
            "channels": ["email", "paper"],
            "invited_outside": 0,
        },
    )
    plan = StatutoryYear.objects.get(organisation=org_a, year=2027)
    assert response.status_code == 302
    assert plan.channels == ["email", "paper"]
    assert plan.status == YearStatus.PLANNED


def test_progress_counts_responses_by_channel_and_week(org_a):
    plan, _q = wmo_world(org_a)
    progress = query.progress(plan)
    assert progress.total == 12
    assert progress.by_channel == {"web": 12}
    # 1 to 12 March 2025: Saturday 1 March is in ISO week 9.
    assert progress.weeks == [
        ("2025-W09", {"web": 2}),
        ("2025-W10", {"web": 7}),
        ("2025-W11", {"web": 3}),
    ]


def test_close_report_and_publish(client_a, client, org_a):
    plan, _q = wmo_world(org_a)
    detail = reverse("statutory:detail", args=[plan.pk])
    assert "Jaarverslag (pdf)" not in client_a.get(detail).content.decode()
    # Publishing before closing is refused.
    client_a.post(reverse("statutory:publish", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.published_at is None
    public = reverse("statutory:public_report", args=[org_a.slug, "wmo", 2025])
    assert client.get(public).status_code == 404

    client_a.post(reverse("statutory:close", args=[plan.pk]))
    client_a.post(reverse("statutory:publish", args=[plan.pk]))
    plan.refresh_from_db()
    assert plan.status == YearStatus.CLOSED and plan.published_at is not None
    html = client_a.get(detail).content.decode()
    assert "75%" in html

    pdf = client_a.get(reverse("statutory:report_pdf", args=[plan.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"
    csv = client_a.get(reverse("statutory:delivery", args=[plan.pk]))
    assert csv.content.startswith(b"jaar;wet;organisatie;")

    page = client.get(public)
    assert page.status_code == 200
    assert client.get(reverse("statutory:public_years", args=[org_a.slug])).status_code == 200
    assert client.get(public + "jaarverslag.pdf").content[:4] == b"%PDF"


def test_report_puts_the_plain_summary_first_and_compares_with_last_year(org_a):
    plan, questionnaire = wmo_world(org_a)
    later = service.plan_year(
        org_a, 2026, Law.WMO, questionnaires=[questionnaire], population="Idem 2026."
    )
    html = report.render_html(later)
    assert html.index("In het kort") < html.index("De resultaten")
    # Last year's 75 % is shown beside this year's (no answers yet in 2026).
    assert "75%" in html
    html_2025 = report.render_html(plan)
    assert html_2025.index(plan.summary) < html_2025.index("75%")


def test_reminder_goes_to_the_owner_once_before_1_july(org_a, admin_a, smtp_inbox):
    plan, _q = wmo_world(org_a)
    plan.owner = admin_a
    plan.save()
    assert service.send_deadline_reminders(today=date(2026, 5, 1)) == 0  # too early
    assert service.send_deadline_reminders(today=date(2026, 6, 10)) == 1
    assert service.send_deadline_reminders(today=date(2026, 6, 11)) == 0  # only once
    (message,) = smtp_inbox.messages
    assert message["To"] == admin_a.email
    assert "01-07-2026" in message["Subject"]


def test_published_years_are_not_reminded(org_a, admin_a):
    plan, _q = wmo_world(org_a)
    plan.owner = admin_a
    plan.save()
    service.close(plan, on=date(2026, 1, 10))
    service.publish(plan)
    assert service.due_reminders(date(2026, 6, 10)) == []


def test_reminder_task_runs_every_morning():
    task = send_deadline_reminders.task_class()
    assert task.validate_datetime(datetime(2026, 6, 2, 7, 15))
    assert not task.validate_datetime(datetime(2026, 6, 2, 8, 15))
