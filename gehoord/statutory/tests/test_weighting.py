"""Weighted statutory figures (issue 22, item 5): raked to the year's population margins,
with the design effect and effective n shown, suppression on min(n, n_eff), and the
under-represented strata named in words on the screen and in the report."""

import pytest
from django.urls import reverse

from gehoord.framework.tests.factories import published_questionnaire
from gehoord.insights import service as insights_service
from gehoord.statutory import report, service
from gehoord.statutory.figures import year_figures
from gehoord.statutory.models import Law, MarginDimension, PopulationMargin

from .helpers import WMO_CODES, answered

pytestmark = pytest.mark.django_db


def two_age_bands(organisation):
    """18-34: 10 responses, all agree on wmo_01. 80+: 4 responses, 1 agrees.
    The population is half and half, so the 80+ answers weigh 1.75 and the others 0.7."""
    questionnaire = published_questionnaire(organisation, "Wmo-onderzoek", WMO_CODES)
    young = [{"wmo_01_wist_waar": 5} for _ in range(10)]
    old = [{"wmo_01_wist_waar": 4}] + [{"wmo_01_wist_waar": 2} for _ in range(3)]
    answered(questionnaire.version, questionnaire.items, young, 2025, age_band="18-34")
    answered(questionnaire.version, questionnaire.items, old, 2025, 4, age_band="80+")
    insights_service.rebuild_rollups(organisation)
    plan = service.plan_year(
        organisation,
        2025,
        Law.WMO,
        questionnaires=[questionnaire],
        population="Inwoners met een Wmo-voorziening in 2025.",
        channels=["letter"],
    )
    for band in ("18-34", "80+"):
        PopulationMargin.objects.create(
            organisation=organisation,
            year=plan,
            dimension=MarginDimension.AGE_BAND,
            category=band,
            count=500,
        )
    service.close(plan)
    return plan


def wmo_01(figures):
    return next(r.figure for r in figures.rows if r.question.code == "wmo_01_wist_waar")


def test_weighted_share_design_effect_and_effective_n_by_hand(org_a):
    org_a.minimum_n = 10
    org_a.save(update_fields=["minimum_n"])
    plan = two_age_bands(org_a)
    plain = wmo_01(year_figures(plan))
    assert plain.n == 14 and round(plain.value, 1) == 78.6  # 11 of 14
    figures = year_figures(plan, weighted=True)
    assert figures.weighted
    figure = wmo_01(figures)
    # Half the population each: 0.5 · 10/10 + 0.5 · 1/4 = 62.5 %.
    assert figure.value == pytest.approx(62.5)
    # deff = n·Σw²/(Σw)² = 14 · (10 · 0.7² + 4 · 1.75²) / 14² = 1.225; n_eff = 14/1.225.
    assert figure.design_effect == pytest.approx(1.225)
    assert figure.effective_n == pytest.approx(14 / 1.225)
    assert figure.n == 14 and figure.effective_n_shown == 11
    assert figure.design_effect_display == "1,23"


def test_a_weighted_figure_is_hidden_on_its_effective_n(org_a):
    org_a.minimum_n = 12
    org_a.save(update_fields=["minimum_n"])
    plan = two_age_bands(org_a)
    assert wmo_01(year_figures(plan)).shown  # 14 answers
    assert not wmo_01(year_figures(plan, weighted=True)).shown  # n_eff 11.4 < 12


def test_screen_switches_and_names_the_under_represented(client_a, org_a):
    plan = two_age_bands(org_a)
    url = reverse("statutory:detail", args=[plan.pk])
    page = client_a.get(url).content.decode()
    assert "gewogen" in page and "1,23" in page  # weighted by default, deff shown
    assert "Effectieve n" in page
    assert "leeftijdsgroep 80+: 29% van de reacties, 50% van de populatie" in page
    plain = client_a.get(url + "?weging=uit").content.decode()
    assert "niet gewogen" in plain and "Effectieve n" not in plain
    html = report.render_html(plan)
    assert "Deze cijfers zijn gewogen" in html
    assert "leeftijdsgroep 80+: 29% van de reacties" in html


def test_without_a_response_in_a_population_group_figures_stay_unweighted(client_a, org_a):
    plan = two_age_bands(org_a)
    PopulationMargin.objects.create(
        organisation=org_a,
        year=plan,
        dimension=MarginDimension.AGE_BAND,
        category="50-64",
        count=300,
    )
    figures = year_figures(plan, weighted=True)
    assert not figures.weighted
    page = client_a.get(reverse("statutory:detail", args=[plan.pk])).content.decode()
    assert "kunnen niet worden gewogen" in page
    assert "leeftijdsgroep 50-64: 0% van de reacties" in page


def test_the_years_responses_are_exported_with_the_margins(client_a, org_a):
    from gehoord.insights.models import ExportJob

    plan = two_age_bands(org_a)
    page = client_a.get(reverse("statutory:detail", args=[plan.pk])).content.decode()
    assert "met hun gewicht" in page
    response = client_a.post(
        reverse("statutory:responses_export", args=[plan.pk]), {"format": "sav"}
    )
    job = ExportJob.objects.get(organisation=org_a)
    assert response.status_code == 302 and job.format == "sav"
    assert job.parameters["margins"] == {"age_band": {"18-34": 500, "80+": 500}}
    assert job.parameters["questionnaire_ids"] == [q.pk for q in plan.questionnaires.all()]
    assert job.parameters["year"] == 2025
    bad = client_a.post(reverse("statutory:responses_export", args=[plan.pk]), {"format": "pdf"})
    assert bad.status_code == 302 and ExportJob.objects.count() == 1
