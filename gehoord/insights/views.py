"""Results screens. They read rollups and stored analyses only, so they stay fast."""

from collections import Counter

from django.utils.translation import gettext
from django.views.generic import TemplateView

from gehoord.catalog import query as catalog_query
from gehoord.framework import query as framework_query
from gehoord.tenancy.roles import Capability, role_has
from gehoord.tenancy.scoping import OrganisationScopedMixin

from . import benchmarks, driver_analysis, metrics, periods, provider_table
from .charts import agreement as agreement_chart
from .charts import drivers as drivers_chart
from .charts import trend as trend_chart
from .forms import FilterForm, SegmentForm
from .models import SegmentDimension


class ResultsView(OrganisationScopedMixin, TemplateView):
    capability = Capability.VIEW_INSIGHTS
    tab = ""
    # Pages that compare across teams or show the whole organisation are closed to members
    # limited to teams; the overview follows the team filter, which is then theirs only.
    organisation_wide = True

    def dispatch(self, request, *args, **kwargs):
        if self.organisation_wide:
            catalog_query.require_whole_organisation(request)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = FilterForm(
            self.organisation, self.request.GET or None, membership=self.request.membership
        )
        self.period, self.filters = form.selection()
        context.update(
            filter_form=form,
            period=self.period,
            filters=self.filters,
            tab=self.tab,
            minimum_n=self.organisation.minimum_n,
            can_export=role_has(self.request.membership.role, Capability.EXPORT_DATA),
            team_limited=catalog_query.is_team_limited(self.request.membership),
        )
        return context


class OverviewView(ResultsView):
    template_name = "insights/overview.html"
    tab = "overview"
    organisation_wide = False

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation, period, filters = self.organisation, self.period, self.filters
        headlines = metrics.headlines(organisation, period, filters)
        for headline in headlines:
            shown = [f for _, f in headline.trend if f.shown]
            headline.trend_summary = (
                gettext("Over the last 12 months: from %(first)s to %(last)s.")
                % {"first": shown[0].display, "last": shown[-1].display}
                if len(shown) >= 2
                else gettext("Too few responses for a trend.")
            )
            grade = headline.indicator == "overall_grade"
            headline.sparkline = trend_chart.sparkline(headline.trend) if len(shown) >= 2 else None
            headline.chart = trend_chart.monthly_trend(headline.trend, grade)
        segment_form = SegmentForm(self.request.GET or None)
        dimension = (
            segment_form.cleaned_data.get("indeling") if segment_form.is_valid() else ""
        ) or SegmentDimension.DISTRICT
        grade_ids = framework_query.questions_measuring(organisation, "overall_grade")
        figures = metrics.question_figures(
            organisation, period, filters, against=metrics.previous_period(period)
        )
        texts = Counter(figure.text for figure in figures)
        shared_texts = {text for text, count in texts.items() if count > 1}
        context.update(
            agreement_context(figures, shared_texts),
            headlines=headlines,
            response_rate=metrics.response_rate(organisation, period, filters),
            figures=figures,
            # Two questions may share a text (a core item and a set's item): name their set.
            shared_texts=shared_texts,
            previous=metrics.previous_period(period),
            segment_form=segment_form,
            segment_label=SegmentDimension(dimension).label,
            segments=metrics.segment_figures(organisation, period, dimension, grade_ids, filters),
        )
        return context


def agreement_context(figures: list, shared_texts: set[str]) -> dict:
    """The agreement statements of the overview: the diverging bars' spec, the rows of the
    table beside it, and a sentence naming the statements most and least agreed with."""
    statements = agreement_chart.statements(figures, shared_texts)
    return {
        "agreement_chart": agreement_chart.agreement_bars(statements),
        "agreement_statements": statements,
        "agreement_summary": agreement_chart.summary(statements),
    }


class ProviderComparisonView(ResultsView):
    template_name = "insights/providers.html"
    tab = "providers"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        services = list(catalog_query.active_services(self.organisation))
        default = catalog_query.first_service_with_providers(services)
        service_id = self.filters.service_id or (default.pk if default else None)
        comparison = table = None
        if service_id is not None:
            names = dict(
                catalog_query.active_providers(self.organisation).values_list("pk", "name")
            )
            comparison = benchmarks.provider_comparison(
                self.organisation, service_id, self.period, names
            )
            table = provider_table.provider_table(comparison, self.request.GET, self.request.path)
        context.update(services=services, service_id=service_id, comparison=comparison, table=table)
        return context


class DriversView(ResultsView):
    template_name = "insights/drivers.html"
    tab = "drivers"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        section = driver_analysis.presented(
            self.organisation, period=self.period, filters=self.filters
        )
        context.update(
            section,
            matrix=drivers_chart.driver_matrix(section["weights"]) if section["weights"] else None,
            fix_first=[w["name"] for w in section["weights"] if w["quadrant"] == "fix_first"],
        )
        return context


class BenchmarkView(ResultsView):
    template_name = "insights/benchmark.html"
    tab = "benchmark"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Peers are compared over the current rolling window only: every organisation has it.
        window = periods.rolling_window()
        context.update(
            rows=benchmarks.peer_benchmark(self.organisation, window),
            window=window,
            size_class=self.organisation.get_size_class_display(),
            minimum_peers=benchmarks.MINIMUM_PEERS,
        )
        return context
