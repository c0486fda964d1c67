"""Staff screens of the contact register, and the public one-click opt-out."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Q
from django.forms import ModelForm
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import CreateView, DetailView, ListView, UpdateView

from gehoord.pagination import KeepFiltersWhenPaging
from gehoord.tenancy import service as tenancy_service
from gehoord.tenancy.roles import Capability, role_has
from gehoord.tenancy.scoping import OrganisationScopedMixin, require_capability

from . import query, sections, service
from .forms import ConsentForm, ContactForm, PanelFilterForm
from .models import Consent, Contact


class ContactListView(OrganisationScopedMixin, KeepFiltersWhenPaging, ListView):
    capability = Capability.VIEW_CONTACTS
    model = Contact
    template_name = "contacts/contact_list.html"
    paginate_by = 25

    def get_queryset(self):
        queryset = super().get_queryset()
        self.search = self.request.GET.get("q", "").strip()[:100]
        if self.search:
            queryset = queryset.filter(
                Q(name__icontains=self.search)
                | Q(email__icontains=self.search.lower())
                | Q(mobile__contains=service.normalise_mobile(self.search) or self.search)
                | Q(external_ref=self.search)
            )
        return queryset

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            search=self.search,
            can_manage=role_has(self.request.membership.role, Capability.MANAGE_CONTACTS),
            **kwargs,
        )


class ContactDetailView(OrganisationScopedMixin, DetailView):
    capability = Capability.VIEW_CONTACTS
    model = Contact
    template_name = "contacts/contact_detail.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        tenancy_service.record_read(request, self.object, tenancy_service.ReadKind.CONTACT)
        return response

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            consents=self.object.consents.all(),
            consent_form=ConsentForm(),
            sections=sections.sections_for(self.request, self.object),
            can_manage=role_has(self.request.membership.role, Capability.MANAGE_CONTACTS),
            **kwargs,
        )


class ContactFormMixin(OrganisationScopedMixin):
    capability = Capability.MANAGE_CONTACTS
    model = Contact
    form_class: type[ModelForm] | None = ContactForm
    template_name: str | None = "contacts/contact_form.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "organisation": self.request.organisation}

    def get_success_url(self) -> str:
        contact = self.object  # type: ignore[attr-defined]  # set by Create/UpdateView
        return reverse("contacts:contact_detail", args=[contact.pk])

    def form_valid(self, form):
        response = super().form_valid(form)
        messages.success(self.request, _("The contact has been saved."))
        return response


class ContactCreateView(ContactFormMixin, CreateView):
    pass


class ContactUpdateView(ContactFormMixin, UpdateView):
    pass


class ContactEraseView(OrganisationScopedMixin, View):
    """POST only: erase a contact on request (recht op vergetelheid)."""

    capability = Capability.MANAGE_CONTACTS
    model = Contact
    http_method_names = ["post"]

    def post(self, request, pk: int):
        contact = get_object_or_404(Contact.objects.for_organisation(request.organisation), pk=pk)
        if request.POST.get("confirm") != "yes":
            messages.error(request, _("Tick the box to confirm the erasure."))
            return HttpResponseRedirect(reverse("contacts:contact_detail", args=[pk]))
        erasure = service.erase(contact, request.user)
        messages.success(
            request,
            _("The contact has been erased (erasure number %(number)s).") % {"number": erasure.pk},
        )
        return HttpResponseRedirect(reverse("contacts:contact_list"))


class SubjectAccessView(OrganisationScopedMixin, View):
    """GET: everything gehoord holds on the contact, as a PDF or JSON file (AVG art. 15,
    inzage). Only those who may change and erase contacts: the file holds all of it."""

    capability = Capability.MANAGE_CONTACTS
    model = Contact
    file_format = "pdf"
    http_method_names = ["get"]

    def get(self, request, pk: int):
        contact = get_object_or_404(
            Contact.objects.for_organisation(request.organisation).select_related("organisation"),
            pk=pk,
        )
        content = service.export_subject_access(
            contact, request.user, self.file_format, request=request
        )
        content_type = "application/pdf" if self.file_format == "pdf" else "application/json"
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = (
            f'attachment; filename="inzage-contact-{contact.pk}.{self.file_format}"'
        )
        response["Cache-Control"] = "no-store"
        return response


class ConsentCreateView(OrganisationScopedMixin, View):
    capability = Capability.MANAGE_CONTACTS
    model = Contact
    http_method_names = ["post"]

    def post(self, request, pk: int):
        contact = get_object_or_404(Contact.objects.for_organisation(request.organisation), pk=pk)
        form = ConsentForm(request.POST)
        if form.is_valid():
            service.give_consent(
                contact,
                form.cleaned_data["purpose"],
                legal_basis=form.cleaned_data["legal_basis"],
                source=form.cleaned_data["source"],
            )
            messages.success(request, _("The consent has been recorded."))
        else:
            messages.error(request, _("The consent could not be recorded: check the choices."))
        return HttpResponseRedirect(reverse("contacts:contact_detail", args=[pk]))


class ConsentWithdrawView(View):
    model = Consent
    http_method_names = ["post"]

    def post(self, request, pk: int):
        require_capability(request, Capability.MANAGE_CONTACTS)
        consent = get_object_or_404(
            Consent.objects.filter(**{Consent.organisation_path: request.organisation}), pk=pk
        )
        service.withdraw_consent(consent.contact, consent.purpose)
        messages.success(request, _("The consent has been withdrawn."))
        return HttpResponseRedirect(reverse("contacts:contact_detail", args=[consent.contact_id]))


class PanelView(OrganisationScopedMixin, KeepFiltersWhenPaging, ListView):
    capability = Capability.VIEW_CONTACTS
    model = Contact
    template_name = "contacts/panel.html"
    paginate_by = 50

    def get_queryset(self):
        self.filter_form = PanelFilterForm(self.request.GET or None)
        filters = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return query.panel(self.request.organisation, **filters)

    def get_context_data(self, **kwargs):
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


@method_decorator([login_not_required, csrf_exempt], name="dispatch")
class OptOutView(View):
    """One click, no log-in. GET asks to confirm (mail scanners follow links); POST
    (also RFC 8058 List-Unsubscribe-Post from mail programs) opts out at once."""

    def get(self, request, token: str):
        contact = query.contacts_by_opt_out_token(token)
        if contact is None:
            raise Http404
        return render(
            request,
            "contacts/opt_out.html",
            {
                "done": contact.has_opted_out,
                "organisation": contact.organisation,
                "language": contact.preferred_language,
            },
        )

    def post(self, request, token: str):
        contact = service.opt_out(token)
        if contact is None:
            raise Http404
        return render(
            request,
            "contacts/opt_out.html",
            {
                "done": True,
                "organisation": contact.organisation,
                "language": contact.preferred_language,
            },
        )
