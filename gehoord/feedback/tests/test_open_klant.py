"""A call-back follow-up goes back to Open Klant as an interne taak, and its outcome is
read back: against the fake Open Klant of outreach.tests.factories (real HTTP)."""

import pytest

from gehoord.feedback import service as feedback_service
from gehoord.feedback import tasks as feedback_tasks
from gehoord.feedback.tests.factories import make_follow_up
from gehoord.outreach import query
from gehoord.outreach.tests.factories import (
    ACTOR,
    KLANTCONTACT,
    OPEN_KLANT_NOTIFICATIONS,
    FakeOpenKlant,
    klantcontact_notification,
    open_klant_world,
    post_open_klant_notification,
)

URL = OPEN_KLANT_NOTIFICATIONS
post = post_open_klant_notification


@pytest.fixture
def open_klant(org_a):
    with open_klant_world(org_a) as connection:
        yield connection


def test_call_back_becomes_an_interne_taak_and_its_outcome_is_read_back(client, open_klant, org_a):
    post(client, klantcontact_notification())
    follow_up = make_follow_up(
        org_a, contact_email="noor@example.org", contact_phone="06-12345678", grade=3
    )
    assert query.latest_klantcontact(org_a, phone="06-12345678").endswith(KLANTCONTACT)
    feedback_service.write_back(follow_up)
    (task,) = FakeOpenKlant.tasks.values()
    assert task["aanleidinggevendKlantcontact"] == {"uuid": KLANTCONTACT}
    assert task["toegewezenAanActoren"] == [{"uuid": ACTOR}]
    assert task["status"] == "te_verwerken" and task["gevraagdeHandeling"]
    follow_up.refresh_from_db()
    assert follow_up.internal_task_url == task["url"]
    assert follow_up.internal_task_status == "te_verwerken"
    with pytest.raises(feedback_service.WriteBackRefused):
        feedback_service.write_back(follow_up)  # not twice

    feedback_service.read_back(follow_up)
    assert follow_up.status == "open"  # still to do in Open Klant
    task.update(status="verwerkt", toelichting="Teruggebeld, pas opnieuw verstuurd.")
    task["afgehandeldOp"] = "2026-11-22T11:00:00Z"
    feedback_service.read_back(follow_up)
    follow_up.refresh_from_db()
    assert (follow_up.status, follow_up.internal_task_status) == ("closed", "verwerkt")
    assert follow_up.outcome == "Teruggebeld, pas opnieuw verstuurd."


def test_write_back_without_a_known_klantcontact_is_refused(open_klant, org_a):
    follow_up = make_follow_up(org_a, contact_email="onbekend@example.org")
    with pytest.raises(feedback_service.WriteBackRefused):
        feedback_service.write_back(follow_up)
    assert FakeOpenKlant.tasks == {}
    follow_up.refresh_from_db()
    assert follow_up.internal_task_url == ""


def test_follow_up_screen_writes_back(client_a, open_klant, org_a):
    post(client_a, klantcontact_notification())
    follow_up = make_follow_up(org_a, contact_email="noor@example.org")
    page = f"/opvolging/{follow_up.pk}/"
    assert "interne taak" in client_a.get(page).content.decode()
    response = client_a.post(page, {"action": "open_klant"})
    assert response.status_code == 302
    follow_up.refresh_from_db()
    assert follow_up.internal_task_url in {t["url"] for t in FakeOpenKlant.tasks.values()}
    assert client_a.post(page, {"action": "open_klant_read"}).status_code == 302


def test_the_hourly_task_reads_back_what_open_klant_finished(client, open_klant, org_a):
    post(client, klantcontact_notification())
    finished = make_follow_up(org_a, contact_email="noor@example.org")
    waiting = make_follow_up(org_a, contact_email="noor@example.org")
    for follow_up in (finished, waiting):
        feedback_service.write_back(follow_up)
    task = next(t for t in FakeOpenKlant.tasks.values() if t["url"] == finished.internal_task_url)
    task.update(status="verwerkt", toelichting="Teruggebeld.")
    assert feedback_tasks.read_back_internal_tasks.call_local() == 1
    finished.refresh_from_db()
    waiting.refresh_from_db()
    assert (finished.status, finished.outcome) == ("closed", "Teruggebeld.")
    assert waiting.status == "open" and waiting.internal_task_status == "te_verwerken"
