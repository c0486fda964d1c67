"""A responses export on the embedded default (SQLite, a file shared by every connection)
while residents keep answering and staff keep browsing: reads never hold the database
across the export's own progress writes, so it finishes, and the others are not held up."""

import threading
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from gehoord.insights import service
from gehoord.insights.exports import responses
from gehoord.insights.models import ExportJob, ExportStatus
from gehoord.surveys.models import Answer, Response
from gehoord.surveys.tests.factories import build_questionnaire
from gehoord.tenancy.roles import Role

from .test_responses import read_csv

EXISTING = 300


def add_response(questionnaire, submitted_at) -> Response:
    response = Response.objects.create(
        organisation=questionnaire.organisation,
        questionnaire=questionnaire,
        version=questionnaire.version,
        service=questionnaire.service,
        district="Noord",
        age_band="45-64",
        channel="web",
        language="nl",
        submitted_at=submitted_at,
    )
    grade = questionnaire.items["grade"]
    Answer.objects.create(
        response=response, item=grade, question_id=grade.question_id, value_number=7
    )
    return response


@pytest.mark.django_db(transaction=True)
def test_an_export_finishes_while_responses_keep_coming_in(org_a, make_member, client, monkeypatch):
    org_a.minimum_n = 5
    org_a.save()
    questionnaire = build_questionnaire(org_a)
    now = timezone.now()
    existing = [
        str(add_response(questionnaire, now - timedelta(days=1, minutes=i)).pk)
        for i in range(EXISTING)
    ]
    job = service.request_export(org_a, None, "responses", "csv", {"period": "venster"})
    # Small batches: many reads and many progress writes, with residents writing between.
    monkeypatch.setattr(responses, "BATCH_SIZE", 10)

    stop, written, errors, pages = threading.Event(), [], [], []
    client.force_login(make_member(Role.ANALYST, org_a))
    browsed = [
        reverse("surveys:response_list"),
        reverse("surveys:response_list") + "?open=nee",
        reverse("insights:export_detail", args=[job.pk]),
    ]

    def residents_answering():
        try:
            while not stop.is_set() and len(written) < 2000:
                written.append(add_response(questionnaire, timezone.now()).pk)
                time.sleep(0.005)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    def staff_browsing():
        try:
            while not stop.is_set():
                for url in browsed:
                    pages.append((url, client.get(url).status_code))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    others = [threading.Thread(target=residents_answering), threading.Thread(target=staff_browsing)]
    for thread in others:
        thread.start()
    try:
        from gehoord.insights.exports import jobs

        jobs.run(job.pk)
    finally:
        stop.set()
        for thread in others:
            thread.join(timeout=60)

    job = ExportJob.objects.get(pk=job.pk)
    assert job.status == ExportStatus.DONE, job.error
    assert not errors, errors
    assert len(written) > 0  # residents really wrote while the export ran
    assert pages and {status for _, status in pages} == {200}, pages  # and staff browsed
    # Every response that was there when the export began, each once; a resident's answer
    # committed at that very moment may be in it too, never one that came later.
    ids = [row["respons_id"] for row in read_csv(job)]
    assert len(ids) == len(set(ids))
    assert set(existing) <= set(ids) and set(ids) - set(existing) <= set(map(str, written[:5]))
    assert job.done == job.total
