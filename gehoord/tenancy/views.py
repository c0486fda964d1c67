from auditlog.models import LogEntry
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from . import service
from .forms import SwitchOrganisationForm
from .roles import Capability
from .scoping import require_capability


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


class AuditLogView(ListView):
    """Who changed what and when, for the active organisation only."""

    template_name = "tenancy/audit_log.html"
    paginate_by = 50
    context_object_name = "entries"

    def dispatch(self, request, *args, **kwargs):
        require_capability(request, Capability.VIEW_AUDIT_LOG)
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return (
            LogEntry.objects.filter(additional_data__organisation_id=self.request.organisation.pk)
            .select_related("actor", "content_type")
            .order_by("-timestamp")
        )
