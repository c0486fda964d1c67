"""Awb terms and working days around weekends, public holidays and extensions."""

from datetime import date

import pytest

from gehoord.feedback import deadlines, service
from gehoord.feedback.models import FeedbackSettings, SignalKind

DEFAULTS = FeedbackSettings()


def test_weekend_and_holidays_are_not_working_days():
    assert deadlines.is_working_day(date(2026, 11, 23))  # a Monday
    assert not deadlines.is_working_day(date(2026, 11, 21))  # Saturday
    assert not deadlines.is_working_day(date(2026, 11, 22))  # Sunday
    for holiday in (
        date(2026, 1, 1),
        date(2026, 4, 6),
        date(2026, 4, 27),
        date(2026, 5, 14),
        date(2026, 5, 25),
        date(2026, 12, 25),
        date(2025, 12, 26),
    ):
        assert not deadlines.is_working_day(holiday), holiday
    # 5 May counts every year under the Algemene termijnenwet, not only in lustrum years.
    assert not deadlines.is_working_day(date(2026, 5, 5))


def test_working_days_skip_weekends():
    friday = date(2026, 11, 20)
    assert deadlines.add_working_days(friday, 1) == date(2026, 11, 23)
    assert deadlines.add_working_days(friday, 5) == date(2026, 11, 27)
    assert deadlines.working_days_between(friday, date(2026, 11, 27)) == 5


def test_working_days_skip_public_holidays():
    # Wednesday before Christmas 2026: Thu 24, (Fri 25, Sat, Sun, out), Mon 28, Tue 29 …
    assert deadlines.add_working_days(date(2026, 12, 23), 3) == date(2026, 12, 29)
    # Around Easter 2026: Good Friday 3 April and Easter Monday 6 April are holidays.
    assert deadlines.add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)
    # Ascension Day, Thursday 14 May 2026.
    assert deadlines.add_working_days(date(2026, 5, 13), 1) == date(2026, 5, 15)


def test_complaint_is_due_six_weeks_later_plus_four_on_extension():
    received = date(2026, 3, 2)  # Monday
    assert deadlines.due_date(SignalKind.COMPLAINT, received, DEFAULTS) == date(2026, 4, 13)
    assert deadlines.due_date(SignalKind.COMPLAINT, received, DEFAULTS, extended=True) == date(
        2026, 5, 11
    )


def test_objection_terms_with_committee_and_extension():
    received = date(2026, 1, 12)
    assert deadlines.due_date(SignalKind.OBJECTION, received, DEFAULTS) == date(2026, 2, 23)
    assert deadlines.due_date(
        SignalKind.OBJECTION, received, DEFAULTS, advisory_committee=True
    ) == date(2026, 4, 7)  # 6 Apr: Easter
    assert deadlines.due_date(SignalKind.OBJECTION, received, DEFAULTS, extended=True) == date(
        2026, 4, 7
    )
    assert deadlines.due_date(
        SignalKind.OBJECTION, received, DEFAULTS, advisory_committee=True, extended=True
    ) == date(2026, 5, 18)


def test_a_term_ending_in_a_weekend_or_on_a_holiday_moves_to_the_next_working_day():
    # Received on a Saturday: six weeks later is a Saturday, so Monday.
    assert deadlines.due_date(SignalKind.COMPLAINT, date(2026, 10, 3), DEFAULTS) == date(
        2026, 11, 16
    )
    # Six weeks after 13 Nov 2026 is Christmas Day (Friday) → Monday 28 December.
    assert deadlines.due_date(SignalKind.COMPLAINT, date(2026, 11, 13), DEFAULTS) == date(
        2026, 12, 28
    )


def test_kinds_without_a_statutory_term():
    for kind in (
        SignalKind.COMPLIMENT,
        SignalKind.FEEDBACK,
        SignalKind.CONTACT_NOTE,
        SignalKind.APPEAL,
    ):
        assert deadlines.due_date(kind, date(2026, 3, 2), DEFAULTS) is None


@pytest.mark.django_db
def test_terms_are_configurable_per_organisation(org_a, org_b):
    settings = service.settings_of(org_a)
    settings.complaint_weeks, settings.complaint_extension_weeks = 4, 2
    settings.save()
    signal = service.record_signal(
        org_a, kind=SignalKind.COMPLAINT, text="Te lang gewacht", received_on=date(2026, 3, 2)
    )
    assert signal.due_on == date(2026, 3, 30)
    service.extend_term(signal)
    assert signal.due_on == date(2026, 4, 13)
    other = service.record_signal(
        org_b, kind=SignalKind.COMPLAINT, text="Idem", received_on=date(2026, 3, 2)
    )
    assert other.due_on == date(2026, 4, 13)


def test_follow_up_due_in_five_working_days():
    assert deadlines.follow_up_due(date(2026, 12, 23), DEFAULTS) == date(2026, 12, 31)
