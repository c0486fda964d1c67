"""A small known world for the statutory tests: one Wmo questionnaire with answers in
2025, rolled up as the dashboards read them."""

from datetime import datetime

from gehoord.framework.tests.factories import published_questionnaire
from gehoord.insights import service as insights_service
from gehoord.statutory import service
from gehoord.statutory.models import Law
from gehoord.surveys import service as survey_service
from gehoord.testing import AMSTERDAM

WMO_CODES = ("core_grade", "wmo_01_wist_waar", "wmo_05_clientondersteuner", "wmo_08_dingen_doen")


def answered(version, items, rows, year=2025, month=3, **segment):
    """Store one response per row: {code: value}, spread over one month's days."""
    records = []
    for index, values in enumerate(rows):
        submitted = datetime(year, month, 1 + index % 28, 12, 0, tzinfo=AMSTERDAM)
        answers = {str(items[c].pk): v for c, v in values.items()}
        records.append({"answers": answers, "submitted_at": submitted, **segment})
    survey_service.import_responses(version, records)


def wmo_world(organisation, year=2025):
    """12 responses: wmo_01 9 of 12 agree; wmo_05 6 of 12 yes; wmo_08 5 valid, 7 "n.v.t."."""
    questionnaire = published_questionnaire(organisation, "Wmo-onderzoek", WMO_CODES)
    rows = []
    for i in range(12):
        rows.append(
            {
                "core_grade": 7,
                "wmo_01_wist_waar": 5 if i < 5 else (4 if i < 9 else 2),
                "wmo_05_clientondersteuner": 1 if i < 6 else 0,
                "wmo_08_dingen_doen": 4 if i < 5 else "na",
            }
        )
    answered(questionnaire.version, questionnaire.items, rows, year)
    insights_service.rebuild_rollups(organisation)
    plan = service.plan_year(
        organisation,
        year,
        Law.WMO,
        questionnaires=[questionnaire],
        population="Inwoners met een Wmo-voorziening in 2025.",
        channels=["letter", "paper"],
        invited_outside=40,
        summary="De meeste inwoners weten waar zij moeten zijn.",
    )
    return plan, questionnaire
