""" "Jij zei, wij deden": staff choose and order the quarter's top five; residents read them
on a public page and in an Atom feed. Only published items ever leave this app."""

from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView
from django.views.generic.detail import SingleObjectMixin

from gehoord.tenancy import query as tenancy_query
from gehoord.tenancy.roles import Capability
from gehoord.tenancy.scoping import OrganisationScopedMixin

from . import query, service
from .forms import PublishForm
from .models import PublishedImprovement


def by_quarter(items) -> list[tuple[tuple[int, int], list]]:
    return [(key, list(group)) for key, group in groupby(items, key=lambda i: (i.year, i.quarter))]


class PublishView(OrganisationScopedMixin, FormView):
    capability = Capability.PUBLISH_IMPROVEMENTS
    template_name = "improvement/publish.html"
    form_class = PublishForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "actions": self.limited(query.finished_actions(self.request.organisation)),
        }

    def get_initial(self):
        today = timezone.localdate()
        return {"year": today.year, "quarter": (today.month - 1) // 3 + 1}

    def get_context_data(self, **kwargs):
        items = PublishedImprovement.objects.for_organisation(
            self.request.organisation
        ).select_related("action")
        return super().get_context_data(quarters=by_quarter(items), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            service.publish_improvement(
                self.request.organisation,
                year=data["year"],
                quarter=data["quarter"],
                action=data["action"],
                you_said=data["you_said"],
                we_did=data["we_did"],
                published=data["published"],
            )
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(self.request, _("The improvement has been added."))
        return HttpResponseRedirect(reverse("improvement:publish"))


class PublishedItemView(OrganisationScopedMixin, SingleObjectMixin, View):
    """Move an item up or down, show or hide it, or remove it."""

    capability = Capability.PUBLISH_IMPROVEMENTS
    model = PublishedImprovement
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        item = self.get_object()
        what = request.POST.get("do")
        if what in ("up", "down"):
            service.move_improvement(item, -1 if what == "up" else 1)
        elif what == "toggle":
            item.published = not item.published
            item.save(update_fields=["published"])
        elif what == "remove":
            item.delete()
        messages.success(request, _("The list has been updated."))
        return HttpResponseRedirect(reverse("improvement:publish"))


@login_not_required
def public_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = tenancy_query.organisation_by_slug_or_404(slug)
    return render(
        request,
        "improvement/public_list.html",
        {
            "organisation": organisation,
            "language": "nl",
            "quarters": by_quarter(query.published_improvements(organisation)),
        },
    )


class PublicFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return tenancy_query.organisation_by_slug_or_404(slug)

    def title(self, organisation):
        return _("%(name)s: you said, we did") % {"name": organisation.name}

    def link(self, organisation):
        return reverse("improvement:public_list", args=[organisation.slug])

    def subtitle(self, organisation):
        return _("What we improved after listening to residents.")

    def items(self, organisation):
        return query.published_improvements(organisation)[:40]

    def item_title(self, item):
        # The action's own title is written for colleagues; residents read what they said.
        return _("Quarter %(q)s %(year)s: %(title)s") % {
            "q": item.quarter,
            "year": item.year,
            "title": Truncator(item.you_said).words(12),
        }

    def item_description(self, item):
        return _("You said: %(said)s We did: %(did)s") % {"said": item.you_said, "did": item.we_did}

    def item_link(self, item):
        return (
            reverse("improvement:public_list", args=[item.organisation.slug])
            + f"#verbetering-{item.pk}"
        )


public_feed = login_not_required(PublicFeed())
