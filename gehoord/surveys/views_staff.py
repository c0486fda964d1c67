"""Staff pages: entering answers given by phone, on paper or at the desk, and reading
individual responses."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView

from gehoord.contacts import query as contacts_query
from gehoord.framework import query as framework_query
from gehoord.framework.models import QuestionnaireVersion
from gehoord.framework.question_types import QuestionType
from gehoord.pagination import keyset_page
from gehoord.tenancy.roles import Capability
from gehoord.tenancy.scoping import OrganisationScopedMixin, require_capability

from . import flow, query, service
from .answers import display
from .fields import build_form
from .forms import EntryContextForm, ResponseFilterForm
from .models import Response


class EntryStartView(View):
    """Choose the questionnaire to enter answers for."""

    def get(self, request):
        require_capability(request, Capability.ENTER_RESPONSES)
        versions = {}
        for version in framework_query.published_versions(request.organisation).order_by(
            "questionnaire__name", "-number"
        ):
            versions.setdefault(version.questionnaire_id, version)  # latest per questionnaire
        return render(request, "surveys/entry_start.html", {"versions": versions.values()})


class EntryFormView(View):
    """All questions of one published version on one page, for an interviewer."""

    model = QuestionnaireVersion

    def dispatch(self, request, *args, **kwargs):
        require_capability(request, Capability.ENTER_RESPONSES)
        return super().dispatch(request, *args, **kwargs)

    def get_version(self, pk: int) -> QuestionnaireVersion:
        scoped = QuestionnaireVersion.objects.filter(
            **{QuestionnaireVersion.organisation_path: self.request.organisation},
            status="published",
        ).select_related("questionnaire")
        return get_object_or_404(scoped, pk=pk)

    def get(self, request, pk: int):
        version = self.get_version(pk)
        items = framework_query.items_of(version)
        context_form = EntryContextForm(
            organisation=request.organisation,
            questionnaire=version.questionnaire,
            membership=request.membership,
            initial={"nonce": uuid.uuid4()},
        )
        return self.render(version, context_form, build_form(items, "nl"))

    def post(self, request, pk: int):
        version = self.get_version(pk)
        items = framework_query.items_of(version)
        context_form = EntryContextForm(
            request.POST,
            organisation=request.organisation,
            questionnaire=version.questionnaire,
            membership=request.membership,
        )
        # Validate every item; answers to questions hidden by a condition are dropped later.
        answers_form = build_form(items, "nl", data=request.POST)
        for item in items:
            answers_form.fields[f"q{item.pk}"].required = False
        if not (context_form.is_valid() and answers_form.is_valid()):
            return self.render(version, context_form, answers_form, status=200)
        answers = flow.cleaned_answers(answers_form, items)
        data = context_form.cleaned_data
        try:
            service.record_interview(
                request.organisation,
                version,
                answers,
                channel=data["channel"],
                language=data["language"],
                segment={
                    "service": data["service"],
                    "provider": data["provider"],
                    "team": data["team"],
                },
                entry_key=data["nonce"],
            )
        except ValidationError as error:
            answers_form.add_error(None, error)
            return self.render(version, context_form, answers_form, status=200)
        except service.AlreadyRecorded:  # a double click or a replayed form: stored once
            messages.info(request, _("These answers were already saved."))
            return HttpResponseRedirect(request.path)
        messages.success(
            request, _("The answers have been saved. You can enter the next conversation.")
        )
        return HttpResponseRedirect(request.path)

    def render(self, version, context_form, answers_form, status=200):
        error_links = flow.error_links(answers_form) + flow.error_links(context_form)
        return render(
            self.request,
            "surveys/entry_form.html",
            {
                "version": version,
                "context_form": context_form,
                "form": answers_form,
                "error_links": error_links,
                "non_field_errors": answers_form.non_field_errors(),
            },
            status=status,
        )


class ResponseListView(OrganisationScopedMixin, View):
    """Responses newest first, paged by a cursor ("Volgende/Vorige"): fast at millions."""

    capability = Capability.VIEW_RESPONSES
    page_size = 50

    def get(self, request):
        organisation = self.organisation
        form = ResponseFilterForm(request.GET, organisation=organisation)
        page = keyset_page(
            query.response_list(organisation, **form.filters()), request.GET, size=self.page_size
        )
        found = query.grades_and_snippets(organisation, [r.pk for r in page])
        rows = [(response, *found.get(response.pk, (None, ""))) for response in page]
        return render(
            request,
            "surveys/response_list.html",
            {"form": form, "page": page, "rows": rows, "filtered": any(form.filters().values())},
        )


class ResponseDetailView(OrganisationScopedMixin, DetailView):
    capability = Capability.VIEW_RESPONSES
    model = Response
    template_name = "surveys/response_detail.html"
    context_object_name = "response"

    def get_queryset(self):
        return query.responses(self.request.organisation)

    def get_context_data(self, **kwargs):
        # Open answers leave the case screen here, so personal data in them (a phone number,
        # an e-mail address, a BSN, a name from the register) is masked, as everywhere else.
        rows = query.answers_of(self.object)
        is_open = [a.item.type == QuestionType.OPEN_TEXT for a in rows]
        names = contacts_query.masking_names(self.request.organisation) if any(is_open) else None
        answers = [
            (
                a.item.text_nl,
                contacts_query.mask_personal_data(display(a), None, names=names)
                if open_
                else display(a),
            )
            for a, open_ in zip(rows, is_open, strict=True)
        ]
        return super().get_context_data(answers=answers, has_open=any(is_open), **kwargs)
