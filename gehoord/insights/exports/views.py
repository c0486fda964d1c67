"""Export screens: ask for an export, follow its progress, download the file."""

from django.core.exceptions import ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.views.generic import DetailView, ListView

from gehoord.catalog import query as catalog_query
from gehoord.pagination import KeepFiltersWhenPaging
from gehoord.tenancy.roles import Capability
from gehoord.tenancy.scoping import OrganisationScopedMixin

from ..models import ExportJob, ExportStatus
from . import audit, privacy_report, requests
from .forms import ExportForm
from .jobs import FILE_RETENTION
from .selection import describe, parameters_of
from .writers import CONTENT_TYPES


def with_file_flag(jobs: QuerySet) -> QuerySet:
    """Jobs without their (large) file, but knowing whether it is still there."""
    return jobs.defer("content").annotate(
        has_file=ExpressionWrapper(Q(content__isnull=False), output_field=BooleanField())
    )


def require_whole_organisation_first(self, request, *args, **kwargs):
    catalog_query.require_whole_organisation(request)
    return OrganisationScopedMixin.dispatch(self, request, *args, **kwargs)


class ExportsView(OrganisationScopedMixin, KeepFiltersWhenPaging, ListView):
    """The export form and the organisation's recent jobs."""

    capability = Capability.EXPORT_DATA
    # Exports hold the whole organisation's responses: not for members limited to teams.
    dispatch = require_whole_organisation_first
    model = ExportJob
    template_name = "insights/exports/index.html"
    context_object_name = "jobs"
    paginate_by = 20

    def get_queryset(self):
        return (
            with_file_flag(super().get_queryset())
            .select_related("requested_by")
            .order_by("-created_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None) or ExportForm(
            self.organisation, initial=self.request.GET.dict()
        )
        return super().get_context_data(
            form=form,
            tab="exports",
            can_export=True,
            minimum_n=self.organisation.minimum_n,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = ExportForm(self.organisation, request.POST)
        if form.is_valid():
            period, filters = form.selection()
            try:
                job = requests.request_export(
                    self.organisation,
                    request.user,
                    form.cleaned_data["wat"],
                    form.cleaned_data["formaat"],
                    parameters_of(period, filters),
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                audit.log_requested(job, request.user)
                return HttpResponseRedirect(reverse("insights:export_detail", args=[job.pk]))
        self.object_list = self.get_queryset()
        return self.render_to_response(self.get_context_data(form=form))


class ExportDetailView(OrganisationScopedMixin, DetailView):
    """Progress while the worker builds the file (htmx polls the status part), then a link."""

    capability = Capability.EXPORT_DATA
    # Exports hold the whole organisation's responses: not for members limited to teams.
    dispatch = require_whole_organisation_first
    model = ExportJob
    template_name = "insights/exports/detail.html"
    context_object_name = "job"

    def get_queryset(self):
        return with_file_flag(super().get_queryset())

    def get_template_names(self):
        if self.request.htmx:
            return ["insights/exports/includes/status.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        running = self.object.status in (ExportStatus.QUEUED, ExportStatus.RUNNING)
        if not self.request.htmx:  # the polled status part does not show the selection
            kwargs["selection"] = describe(self.organisation, self.object.parameters)
        report = self.object.privacy_report
        return super().get_context_data(
            running=running,
            privacy_lines=privacy_report.lines(report) if report else [],
            retention_days=FILE_RETENTION.days,
            tab="exports",
            can_export=True,
            **kwargs,
        )


class ExportDownloadView(OrganisationScopedMixin, DetailView):
    capability = Capability.EXPORT_DATA
    # Exports hold the whole organisation's responses: not for members limited to teams.
    dispatch = require_whole_organisation_first
    model = ExportJob

    def get(self, request, *args, **kwargs):
        job = self.get_object()
        if job.status != ExportStatus.DONE or job.content is None:
            raise Http404
        audit.log_downloaded(job, request)
        response = HttpResponse(bytes(job.content), content_type=CONTENT_TYPES[job.format])
        response["Content-Disposition"] = f'attachment; filename="{job.filename}"'
        response["Cache-Control"] = "private, no-store"
        return response


class ExportPrivacyReportView(OrganisationScopedMixin, DetailView):
    """The report of a responses export as a text file, to keep beside a CSV."""

    capability = Capability.EXPORT_DATA
    # Exports hold the whole organisation's responses: not for members limited to teams.
    dispatch = require_whole_organisation_first
    model = ExportJob

    def get(self, request, *args, **kwargs):
        job = self.get_object()
        if job.status != ExportStatus.DONE or not job.privacy_report:
            raise Http404
        stem = (job.filename or f"export-{job.pk}").rsplit(".", 1)[0]
        response = HttpResponse(
            privacy_report.as_text(job.privacy_report).encode("utf-8-sig"),
            content_type="text/plain; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="{stem}-privacy.txt"'
        response["Cache-Control"] = "private, no-store"
        return response
