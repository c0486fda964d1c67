"""The coding screen (one text at a time, keyboard first), themes, and the classifier."""

from django.contrib import messages
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from gehoord.framework.principles import Principle
from gehoord.surveys import query as surveys_query
from gehoord.tenancy.roles import Capability, role_has
from gehoord.tenancy.scoping import limit_to_member, require_capability

from . import classifier, query, service
from .forms import ThemeForm
from .models import Coding, ThemeClassifier
from .query import mask_personal_data

SOURCES = {"signalen": "signal", "antwoorden": "answer"}


def uncoded_signals(organisation):
    coded = Coding.objects.filter(signal=OuterRef("pk"))
    return query.signals(organisation).filter(~Exists(coded)).order_by("-pk")


def uncoded_answers(organisation):
    coded = Coding.objects.filter(answer=OuterRef("pk"))
    return surveys_query.open_answers(organisation).filter(~Exists(coded)).order_by("-pk")


class CodingView(TemplateView):
    template_name = "feedback/coding.html"

    def dispatch(self, request, *args, **kwargs):
        require_capability(request, Capability.CODE_SIGNALS)
        self.source = request.GET.get("bron") or request.POST.get("bron") or "signalen"
        if self.source not in SOURCES:
            self.source = "signalen"
        return super().dispatch(request, *args, **kwargs)

    def queue(self):
        organisation = self.request.organisation
        queue = (
            uncoded_signals(organisation)
            if self.source == "signalen"
            else uncoded_answers(organisation)
        )
        return limit_to_member(queue, self.request.membership)

    def get_context_data(self, **kwargs):
        organisation = self.request.organisation
        service.ensure_themes(organisation)
        queue = self.queue()
        before = self.request.GET.get("voor", "")
        current = (queue.filter(pk__lt=int(before)) if before.isdigit() else queue).first()
        text = ""
        if current is not None:
            raw = current.text if self.source == "signalen" else current.value_text
            text = mask_personal_data(raw, organisation)
        themes = list(query.themes(organisation))
        suggestions = classifier.suggest(organisation, text) if current is not None else []
        stored = ThemeClassifier.objects.for_organisation(organisation).defer("model").first()
        return super().get_context_data(
            source=self.source,
            sources=SOURCES,
            current=current,
            text=text,
            remaining=queue.count(),
            themes=themes,
            principles=Principle.choices,
            suggestions=suggestions,
            suggested_ids=",".join(str(t.pk) for t, _ in suggestions),
            classifier=stored,
            skip_url="?" + urlencode({"bron": self.source, "voor": current.pk if current else ""}),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        organisation = request.organisation
        item_id = request.POST.get("item", "")
        if not item_id.isdigit():
            raise Http404
        if self.source == "signalen":
            found = query.signals(organisation)
        else:
            found = surveys_query.open_answers(organisation)
        found = limit_to_member(found, request.membership).filter(pk=int(item_id)).first()
        target = {"signal" if self.source == "signalen" else "answer": found}
        if next(iter(target.values())) is None:
            raise Http404
        theme_ids = [int(v) for v in request.POST.getlist("theme") if v.isdigit()]
        themes = list(query.themes(organisation).filter(pk__in=theme_ids))
        principles = [p for p in request.POST.getlist("principle") if p in Principle.values]
        suggested = frozenset(
            int(v) for v in request.POST.get("suggested", "").split(",") if v.isdigit()
        )
        if not themes and not principles:
            messages.error(request, _("Choose at least one theme or principle, or skip this text."))
            return HttpResponseRedirect(request.get_full_path())
        service.set_codes(
            organisation,
            themes=themes,
            principles=principles,
            by=request.user,
            suggested=suggested,
            **target,
        )
        messages.success(request, _("Saved. Next text."))
        return HttpResponseRedirect(
            reverse("feedback:coding") + "?" + urlencode({"bron": self.source})
        )


class ThemesView(TemplateView):
    """The theme taxonomy, the classifier's quality, and (for administrators) a new theme."""

    template_name = "feedback/themes.html"

    def dispatch(self, request, *args, **kwargs):
        require_capability(request, Capability.CODE_SIGNALS)
        return super().dispatch(request, *args, **kwargs)

    def can_manage(self) -> bool:
        return role_has(self.request.membership.role, Capability.MANAGE_FEEDBACK_SETTINGS)

    def get_context_data(self, **kwargs):
        from django.db.models import Count

        organisation = self.request.organisation
        service.ensure_themes(organisation)
        kwargs.setdefault("form", ThemeForm(organisation=organisation))
        return super().get_context_data(
            themes=query.themes(organisation, active_only=False).annotate(uses=Count("codings")),
            classifier=ThemeClassifier.objects.for_organisation(organisation)
            .defer("model")
            .first(),
            can_manage=self.can_manage(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        organisation = request.organisation
        if request.POST.get("action") == "train":
            service.request_classifier_training(organisation)
            messages.success(
                request,
                _(
                    "The classifier is being trained. Reload this page in "
                    "a minute to see its quality."
                ),
            )
            return HttpResponseRedirect(reverse("feedback:themes"))
        require_capability(request, Capability.MANAGE_FEEDBACK_SETTINGS)
        form = ThemeForm(request.POST, organisation=organisation)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        form.save()
        messages.success(request, _("The theme has been added."))
        return HttpResponseRedirect(reverse("feedback:themes"))
