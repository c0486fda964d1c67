"""On the demo, Gemeente Voorbeeld's Wmo survey of this year is closed and published, with
an annual report, a delivery file and a public page."""

import pytest
from django.urls import reverse

from gehoord.statutory import delivery, query, report
from gehoord.statutory.figures import year_figures
from gehoord.statutory.models import Law, YearStatus

pytestmark = pytest.mark.django_db


def test_voorbeeld_has_its_wmo_year_closed_and_published(client, demo_org):
    plan = query.published_years(demo_org).get(law=Law.WMO, year=2026)
    assert plan.status == YearStatus.CLOSED
    figures = year_figures(plan)
    shown = [row for row in figures.rows if row.figure.shown]
    assert shown, "the demo's Wmo items have figures"
    assert figures.rate.percent is not None
    assert delivery.delivery_csv(figures).startswith(b"jaar;wet;organisatie;")
    assert report.render_pdf(plan)[:4] == b"%PDF"
    page = client.get(reverse("statutory:public_report", args=[demo_org.slug, "wmo", 2026]))
    assert page.status_code == 200
    assert "In het kort" in page.content.decode()
