"""The demand forecast and the expiry register. The forecast page reads the stored
forecast (`forecast_presented`); fitting happens in the background (`tasks`)."""

from django.contrib import messages
from django.db.models import Sum
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView

from gehoord.catalog import query as catalog_query
from gehoord.outreach import service as outreach_service
from gehoord.pagination import KeepFiltersWhenPaging
from gehoord.tenancy.roles import Capability, role_has
from gehoord.tenancy.scoping import OrganisationScopedMixin, require_capability

from . import expiry_import, forecast_presented, service
from .charts import forecast as forecast_chart
from .forms_forecast import ExpiryUploadForm, ForecastForm
from .models_forecast import ExpiryCount, Granularity


class ForecastTabMixin(OrganisationScopedMixin):
    """Whole-organisation pages in the results tabs (closed to members limited to teams)."""

    capability = Capability.VIEW_INSIGHTS
    tab = "forecast"

    def dispatch(self, request, *args, **kwargs):
        catalog_query.require_whole_organisation(request)
        return super().dispatch(request, *args, **kwargs)

    def tab_context(self) -> dict:
        role = self.request.membership.role
        return {
            "tab": self.tab,
            "can_export": role_has(role, Capability.EXPORT_DATA),
            "can_upload": role_has(role, Capability.MANAGE_OUTREACH),
            "team_limited": False,
        }


class ForecastView(ForecastTabMixin, TemplateView):
    template_name = "insights/forecast.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organisation = self.organisation
        service_ids = forecast_presented.services_with_forecasts(organisation)
        form = ForecastForm(organisation, service_ids, self.request.GET or None)
        chosen_service, granularity, minutes = form.selection()
        stored = (
            forecast_presented.stored(organisation, chosen_service, granularity)
            if chosen_service
            else None
        )
        result = stored.result if stored else {}
        context.update(
            self.tab_context(),
            form=form,
            service=chosen_service,
            granularity=granularity,
            weekly=granularity == Granularity.WEEK,
            minutes=minutes,
            stored=stored,
            problem=result.get("problem", ""),
            chart=forecast_chart.forecast_chart(result, granularity)
            if result.get("forecast")
            else None,
            rows=forecast_presented.forecast_rows(result, granularity, minutes),
            scores=forecast_presented.score_rows(result, granularity),
            summary=forecast_presented.backtest_summary(result, granularity),
            peaks=forecast_presented.peaks(result, chosen_service.name)
            if chosen_service and granularity == Granularity.MONTH
            else [],
            uses_expiry=result.get("uses_expiry", False),
            backtest=result.get("backtest", {}),
        )
        return context

    def post(self, request, *args, **kwargs):
        service.request_forecasts(self.organisation)
        messages.success(
            request, _("The forecast is being made. Reload this page in a minute to see it.")
        )
        return redirect(f"{request.path}?{request.GET.urlencode()}")


class ExpiryRegisterView(ForecastTabMixin, KeepFiltersWhenPaging, ListView):
    """The register per service, document and month, and its CSV upload with a per-row
    report (good rows are stored, bad ones listed)."""

    template_name = "insights/expiry.html"
    paginate_by = 50

    def get_queryset(self):
        return (
            ExpiryCount.objects.for_organisation(self.organisation)
            .select_related("service")
            .order_by("service__name", "document", "month")
        )

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None) or ExpiryUploadForm()
        context = super().get_context_data(form=form, **kwargs)
        context.update(
            self.tab_context(),
            total=self.get_queryset().aggregate(total=Sum("count"))["total"] or 0,
        )
        return context

    def post(self, request, *args, **kwargs):
        require_capability(request, Capability.MANAGE_OUTREACH)
        form = ExpiryUploadForm(request.POST, request.FILES)
        report = fatal = None
        if form.is_valid():
            try:
                report = expiry_import.import_expiry_counts(
                    self.organisation, form.cleaned_data["file"]
                )
            except outreach_service.CsvUnreadable as error:
                fatal = str(error)
            else:
                if report.imported:
                    service.request_forecasts(self.organisation)
        self.object_list = self.get_queryset()
        context = self.get_context_data(form=form, report=report, fatal=fatal)
        return self.render_to_response(context, status=200 if form.is_valid() else 400)
