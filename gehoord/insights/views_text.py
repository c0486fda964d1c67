"""The text analytics and triangulation pages. Text analytics reads the stored result; a
missing analysis can be asked for, and a background task makes it."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from gehoord.feedback import query as feedback_query

from . import metrics, service, text, triangulation
from .figures import VERDICT_WORDS
from .forms import FilterForm
from .stats import Verdict
from .views import ResultsView


def question_label(code: str) -> str:
    return _("What could be better?") if code == "core_improve" else _("What went well?")


class TextAnalysisView(ResultsView):
    template_name = "insights/text.html"
    tab = "text"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        analysis = text.latest(self.organisation, self.period, self.filters.service_id)
        questions = []
        if analysis is not None:
            for question in analysis.result.get("questions", []):
                themes = [
                    {
                        **theme,
                        "verdict_words": str(VERDICT_WORDS[Verdict(theme["verdict"])]),
                        "rising": theme["verdict"] == Verdict.CLEARLY_HIGHER,
                    }
                    for theme in question["themes"]
                ]
                questions.append(
                    {**question, "label": question_label(question["code"]), "themes": themes}
                )
        sentiment = analysis.result.get("sentiment", {}) if analysis else {}
        context.update(
            analysis=analysis,
            questions=questions,
            sentiment=sentiment,
            quality=sentiment.get("quality") or {},
            previous=metrics.previous_period(self.period).label,
        )
        return context

    def post(self, request, *args, **kwargs):
        period, filters = FilterForm(self.organisation, request.GET or None).selection()
        service.request_text_analysis(self.organisation, period, filters.service_id)
        messages.success(
            request, _("The analysis is being made. Reload this page in a minute to see it.")
        )
        return redirect(f"{request.path}?{request.GET.urlencode()}")


class TriangulationView(ResultsView):
    template_name = "insights/triangulation.html"
    tab = "triangulation"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = triangulation.rows(self.organisation, self.period, self.filters.service_id)
        context.update(
            rows=rows,
            contradictions=sum(1 for r in rows if r.contradictions),
            has_themes=feedback_query.themes(self.organisation).exists(),
        )
        return context
