"""Staff screens: what is published (with the embed snippet), and the contract report."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gehoord.catalog import query as catalog_query
from gehoord.tenancy.roles import Capability
from gehoord.tenancy.scoping import require_capability

from . import query, service
from .forms import PublicationSettingsForm

YOUTH_GUARD = {
    "setting": query.YOUTH_GUARD_SETTING,
    "explanation": query.YOUTH_GUARD_EXPLANATION,
}


def publication_settings(request: HttpRequest) -> HttpResponse:
    require_capability(request, Capability.MANAGE_PUBLICATION)
    organisation = request.organisation
    current = query.settings_of(organisation)
    form = PublicationSettingsForm(
        request.POST or None, instance=current, organisation=organisation
    )
    if request.method == "POST" and form.is_valid():
        service.save_settings(form)
        messages.success(request, _("The publication settings have been saved."))
        return redirect("publication:settings")
    links = []
    if current.enabled and current.pk:
        for published in query.published_services(organisation):
            path = reverse(
                "publication:public_service", args=[organisation.slug, query.service_key(published)]
            )
            url = request.build_absolute_uri(path)
            snippet = (
                f'<iframe src="{url}?insluiten=1" title="{published.name}" '
                f'width="100%" height="600" style="border:0"></iframe>'
            )
            links.append({"service": published, "url": url, "snippet": snippet})
    return render(
        request,
        "publication/settings.html",
        {
            "form": form,
            "links": links,
            "youth_guard": YOUTH_GUARD,
            "index_url": request.build_absolute_uri(
                reverse("publication:public_services", args=[organisation.slug])
            ),
        },
        status=400 if form.errors else 200,
    )


def contract_report(request: HttpRequest) -> HttpResponse:
    require_capability(request, Capability.VIEW_CONTRACT_REPORT)
    catalog_query.require_whole_organisation(request)
    organisation = request.organisation
    services = list(catalog_query.active_services(organisation))
    wanted = request.GET.get("dienst", "")
    chosen = next(
        (s for s in services if str(s.pk) == wanted),
        catalog_query.first_service_with_providers(services),
    )
    results = query.contract_report(organisation, chosen) if chosen else None
    return render(
        request,
        "publication/contract_report.html",
        {
            "services": services,
            "chosen": chosen,
            "results": results,
            "minimum_n": organisation.minimum_n,
            "youth_guard": YOUTH_GUARD,
        },
    )
