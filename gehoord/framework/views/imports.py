"""Importing a questionnaire (LimeSurvey .lss or gehoord JSON), its report, and the JSON export."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView

from gehoord.tenancy.roles import Capability

from .. import query, service
from ..models import ImportReport, QuestionnaireVersion
from .common import FrameworkMixin, NestedScopeMixin

ACCEPTED = (".lss", ".json")


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "A LimeSurvey survey structure (.lss, from “Export → Survey structure”) or a "
            "gehoord questionnaire (.json). At most 5 MB."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED)}),
    )
    reuse_bank = forms.BooleanField(
        label=_("Use questions from the question bank with the same wording"),
        help_text=_(
            "A question with the same type and text as a bank question uses the bank "
            "question. Otherwise every question is added to the bank as a new question."
        ),
        required=False,
        initial=True,
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(ACCEPTED):
            raise forms.ValidationError(_("Choose a .lss or .json file."))
        if upload.size > service.MAX_IMPORT_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class ImportView(FrameworkMixin, FormView):
    capability = Capability.MANAGE_QUESTIONNAIRES
    form_class = ImportForm
    template_name = "framework/import_form.html"

    def form_valid(self, form: ImportForm) -> HttpResponse:
        upload = form.cleaned_data["file"]
        try:
            report = service.import_questionnaire(
                self.request.organisation,
                upload.name,
                upload.read(service.MAX_IMPORT_BYTES + 1),
                reuse_bank=form.cleaned_data["reuse_bank"],
            )
        except service.ImportFailed as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        return HttpResponseRedirect(reverse("framework:import_report", args=[report.pk]))


class ImportReportView(FrameworkMixin, DetailView):
    model = ImportReport
    template_name = "framework/import_report.html"
    context_object_name = "report"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        report = self.object
        return super().get_context_data(
            not_imported=[e for e in report.entries if not e["imported"]],
            notes=[e for e in report.entries if e["imported"]],
            questions=query.import_report_questions(report),
            **kwargs,
        )


class ExportJsonView(NestedScopeMixin, FrameworkMixin, DetailView):
    model = QuestionnaireVersion
    related = ("questionnaire",)

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        version = self.object
        document = service.export_questionnaire(version)
        response = HttpResponse(
            json.dumps(document, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        name = slugify(version.questionnaire.name) or "vragenlijst"
        response["Content-Disposition"] = f'attachment; filename="{name}-v{version.number}.json"'
        return response
