from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import ListView

from gehoord.pagination import KeepFiltersWhenPaging

from . import service
from .audit_log import AuditLogFilterForm, csv_lines, entries_of, load_related_names
from .forms import SwitchOrganisationForm
from .roles import Capability
from .scoping import OrganisationRequest, require_capability


@require_POST
def switch_organisation(request: HttpRequest) -> HttpResponse:
    form = SwitchOrganisationForm(request.POST, user=request.user)
    if form.is_valid():
        organisation = service.switch_organisation(request, form.cleaned_data["organisation"].pk)
        messages.success(request, _("You now work in %(name)s.") % {"name": organisation.name})
    else:
        messages.error(request, _("You cannot switch to that organisation."))
    # Back to where the user was, but never to another site.
    target = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    return HttpResponseRedirect(target)


class AuditLogView(KeepFiltersWhenPaging, ListView):
    """Who changed, opened or logged in to what and when, for the active organisation only;
    filtered by who, action, kind of object and period. Read only: there is no route to
    change or delete an entry."""

    template_name = "tenancy/audit_log.html"
    paginate_by = 50
    context_object_name = "entries"

    def dispatch(self, request, *args, **kwargs):
        membership = require_capability(request, Capability.VIEW_AUDIT_LOG)
        self.organisation = membership.organisation
        self.filter_form = AuditLogFilterForm(request.GET or None, organisation=self.organisation)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            self.filter_form.filter(entries_of(self.organisation))
            .select_related("actor", "content_type")
            .order_by("-timestamp", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        load_related_names(context["entries"])
        return context


@require_GET
def audit_log_csv(request: OrganisationRequest) -> HttpResponse:
    """The filtered audit log as a CSV file (at most CSV_LIMIT rows; ids, no texts)."""
    organisation = require_capability(request, Capability.VIEW_AUDIT_LOG).organisation
    form = AuditLogFilterForm(request.GET or None, organisation=organisation)
    if form.is_bound and not form.is_valid():
        return HttpResponse(
            "\n".join(str(e) for errors in form.errors.values() for e in errors),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    # Capped at CSV_LIMIT rows (a few MB), so the file is made whole: a half-sent file
    # after an error would look complete.
    content = "".join(csv_lines(form.filter(entries_of(organisation))))
    response = HttpResponse(content.encode("utf-8"), content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="logboek-{stamp}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response
