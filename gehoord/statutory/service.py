"""Use cases of the yearly statutory survey: plan, close, publish, remind."""

from __future__ import annotations

from datetime import date

from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from . import figures, margins
from .figures import ResponseRate
from .models import StatutoryYear, YearStatus

# Wmo 2015 art. 2.5.1: the results are published before 1 July of the following year.
PUBLICATION_DEADLINE = (7, 1)
# The owner is reminded this many days before the deadline.
REMIND_DAYS_BEFORE = 30


class NotClosed(Exception):
    """A year's report can be published only once the year is closed."""


def deadline_of(plan: StatutoryYear) -> date:
    month, day = PUBLICATION_DEADLINE
    return date(plan.year + 1, month, day)


def save_plan(form) -> StatutoryYear:
    return form.save()


@transaction.atomic
def plan_year(
    organisation, year: int, law: str, *, questionnaires=(), actions=(), **fields
) -> StatutoryYear:
    """The plan of one year and law, made if missing (the demo and scripts use this)."""
    plan, created = StatutoryYear.objects.get_or_create(
        organisation=organisation, year=year, law=law, defaults=fields
    )
    if created:
        plan.questionnaires.set(questionnaires)
        plan.actions.set(actions)
    return plan


# Population margins: typed in, or counted from the contact register and events.
set_margins = margins.set_margins
compute_margins = margins.compute_margins


def response_rate(plan: StatutoryYear) -> ResponseRate:
    return figures.response_rate(plan)


@transaction.atomic
def start(plan: StatutoryYear) -> StatutoryYear:
    if plan.status == YearStatus.PLANNED:
        plan.status = YearStatus.RUNNING
        plan.save(update_fields=["status"])
    return plan


@transaction.atomic
def close(plan: StatutoryYear, on: date | None = None) -> StatutoryYear:
    """Close the year: no more answers count, and the report and delivery file are final."""
    plan.status = YearStatus.CLOSED
    plan.closed_on = on or timezone.localdate()
    plan.save(update_fields=["status", "closed_on"])
    return plan


@transaction.atomic
def publish(plan: StatutoryYear) -> StatutoryYear:
    if plan.status != YearStatus.CLOSED:
        raise NotClosed(str(plan))
    plan.published_at = plan.published_at or timezone.now()
    plan.save(update_fields=["published_at"])
    return plan


@transaction.atomic
def withdraw(plan: StatutoryYear) -> StatutoryYear:
    plan.published_at = None
    plan.save(update_fields=["published_at"])
    return plan


def due_reminders(today: date) -> list[StatutoryYear]:
    """Years not yet published whose deadline is within `REMIND_DAYS_BEFORE` days and
    whose owner has not been reminded yet."""
    candidates = StatutoryYear.objects.filter(
        published_at__isnull=True, reminded_on__isnull=True, owner__isnull=False
    ).select_related("owner", "organisation")
    return [
        plan for plan in candidates if 0 <= (deadline_of(plan) - today).days <= REMIND_DAYS_BEFORE
    ]


def send_deadline_reminders(today: date | None = None) -> int:
    """E-mail each owner whose statutory results are not yet published before 1 July."""
    today = today or timezone.localdate()
    sent = 0
    for plan in due_reminders(today):
        owner = plan.owner
        if owner is None or not owner.email:
            continue
        with translation.override("nl"):
            subject = _("Publish the %(survey)s results before %(deadline)s") % {
                "survey": plan,
                "deadline": deadline_of(plan).strftime("%d-%m-%Y"),
            }
            body = _(
                "The law asks %(organisation)s to publish the results of the %(survey)s "
                "client survey before %(deadline)s, and to deliver them to the national "
                "monitor. Close the year in gehoord, check the report and publish it."
            ) % {
                "organisation": plan.organisation.name,
                "survey": plan,
                "deadline": deadline_of(plan).strftime("%d-%m-%Y"),
            }
        send_mail(subject, body, None, [owner.email])
        plan.reminded_on = today
        plan.save(update_fields=["reminded_on"])
        sent += 1
    return sent
