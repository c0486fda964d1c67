"""The PDF report: it renders, holds the key figures, and prints no suppressed value."""

import io

import pytest
from django.utils.formats import number_format
from django.utils.translation import override
from pypdf import PdfReader

from gehoord.insights import driver_analysis, metrics, periods, service
from gehoord.insights.exports import report
from gehoord.insights.figures import TOO_FEW
from gehoord.insights.models import ExportStatus

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_report_renders_with_key_figures_and_honours_suppression(
    demo_org, immediate_huey, django_capture_on_commit_callbacks
):
    driver_analysis.compute(demo_org)
    with django_capture_on_commit_callbacks(execute=True):
        job = service.request_export(demo_org, None, "report", "pdf", {"period": "venster"})
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE, job.error
    assert job.filename.endswith(".pdf") and bytes(job.content).startswith(b"%PDF")
    assert job.done == job.total == report.STEPS
    text = pdf_text(bytes(job.content))
    with override("nl"):
        grade = next(
            h
            for h in metrics.headlines(demo_org, periods.rolling_window(), metrics.Filters())
            if h.indicator == "overall_grade"
        ).figure
        assert grade.shown
        assert grade.display in text and f"n = {grade.n}" in text
        assert grade.interval.split(" – ")[0] in text
    assert demo_org.name in text
    # The key drivers table names the drivers of the stored analysis.
    analysis = driver_analysis.latest(demo_org)
    assert analysis.weights
    assert len(PdfReader(io.BytesIO(bytes(job.content))).pages) >= 6


def test_report_prints_too_few_responses_instead_of_small_figures(demo_org):
    demo_org.minimum_n = 10_000
    with override("nl"):
        context = report.report_context(
            demo_org, periods.rolling_window(), metrics.Filters(), lambda done, total: None
        )
        html = report.report_html(context)
        grade = context["headlines"][0].figure
        assert not grade.shown
        assert str(TOO_FEW) in html
        hidden = number_format(grade.value, 1)
        for figure in context["figures"]:
            assert not figure.main.shown
        text = pdf_text(report.render_pdf(html))
    assert str(TOO_FEW).split()[0] in text
    assert hidden not in text  # the grade's own mean is printed nowhere


def test_footer_cannot_leave_its_css_string(demo_org):
    # The organisation's name is printed in a CSS string in the page style: a line break
    # (\r and \f end a CSS string too), quote or backslash would let it add rules, such as
    # a url() the PDF renderer fetches.
    demo_org.name = 'Gemeente\r;background:url(http://intern/)\f"\\ </style><script>'
    context = report.report_context(
        demo_org, periods.rolling_window(), metrics.Filters(), lambda done, total: None
    )
    footer = context["footer"]
    assert footer.startswith("Gemeente;background:url(http://intern/)")
    assert not set(footer) & set('\r\n\f"\\<>')
    assert all(c.isprintable() for c in footer)


def test_report_draws_the_screen_charts_through_vl_convert(demo_org):
    """The trend and the driver matrix are the screen's Vega-Lite specs drawn to SVG; the
    PDF holds their Dutch axis labels (month names with years, decimal commas)."""
    driver_analysis.compute(demo_org)
    with override("nl"):
        context = report.report_context(
            demo_org, periods.rolling_window(), metrics.Filters(), lambda done, total: None
        )
        html = report.report_html(context)
        text = pdf_text(report.render_pdf(html))
    trend_svg = context["headlines"][0].chart_svg
    assert trend_svg.startswith("<svg") and 'class="marks"' in trend_svg
    assert context["drivers"]["matrix_svg"].startswith("<svg")
    assert context["agreement_svg"].startswith("<svg")  # the screen's diverging bars
    assert html.count('class="marks"') == len(context["headlines"]) + 2
    assert "Eens of oneens per stelling" in text and "Meeste instemming" in text
    assert "nov 2026" in text or "okt 2026" in text
    assert "Score (aandeel eens)" in text
