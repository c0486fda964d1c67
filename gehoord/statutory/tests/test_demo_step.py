"""On the demo, Gemeente Voorbeeld's Wmo survey of this year is closed and published, with
an annual report, a delivery file and a public page."""

import pytest
from django.urls import reverse

from gehoord.demo.statutory_step import survey_year
from gehoord.statutory import delivery, query, report
from gehoord.statutory.figures import year_figures
from gehoord.statutory.models import Law, YearStatus

pytestmark = pytest.mark.django_db


def test_voorbeeld_has_its_wmo_year_closed_and_published(client, demo_org):
    from django.utils import timezone

    year = survey_year(timezone.localdate())
    plan = query.published_years(demo_org).get(law=Law.WMO, year=year)
    assert plan.status == YearStatus.CLOSED
    figures = year_figures(plan)
    shown = [row for row in figures.rows if row.figure.shown]
    assert shown, "the demo's Wmo items have figures"
    assert figures.rate.percent is not None
    assert delivery.delivery_csv(figures).startswith(b"jaar;wet;organisatie;")
    assert report.render_pdf(plan)[:4] == b"%PDF"
    page = client.get(reverse("statutory:public_report", args=[demo_org.slug, "wmo", year]))
    assert page.status_code == 200
    assert "In het kort" in page.content.decode()


def test_voorbeeld_weighs_its_wmo_year_and_previews_next_years_sample(client, demo_org):
    from django.utils import timezone

    from gehoord.outreach import query as outreach_query
    from gehoord.outreach import service as outreach_service

    this_year = survey_year(timezone.localdate())  # the demo's just-closed survey (margins)
    plan = query.published_years(demo_org).get(law=Law.WMO, year=this_year)
    figures = year_figures(plan, weighted=True)
    assert figures.weighted, figures.weighting and figures.weighting.problems
    shown = [row.figure for row in figures.rows if row.figure.shown]
    assert shown and min(f.design_effect for f in shown) > 1.1  # a visible design effect
    assert all(f.effective_n < f.n for f in shown)
    assert any(r.margin == "age_band" for r in figures.weighting.under_represented)
    assert "Deze cijfers zijn gewogen" in report.render_html(plan)

    following = query.plans(demo_org).get(law=Law.WMO, year=this_year + 1)
    assert following.sampling == "sample" and following.status == YearStatus.PLANNED
    rules = outreach_query.rules_for_questionnaires(
        demo_org, query.plan_questionnaire_ids(following)
    )
    sample = outreach_query.sample_plans_for(
        demo_org,
        [r.pk for r in rules],
        following.questionnaires.first().created_at.date(),
        timezone.localdate(),
    ).get()
    preview = outreach_service.preview_sample(sample, timezone.now())
    assert len(preview.rows) > 5 and preview.total > 0
    assert sample.seed == this_year + 1
