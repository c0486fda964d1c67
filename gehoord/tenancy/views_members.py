"""Members screens of the organisation administration: list, invite, change role, remove,
and the public page on which an invited person chooses their password."""

from typing import cast

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView
from django.views.generic.detail import SingleObjectMixin

from gehoord.pagination import KeepFiltersWhenPaging

from . import second_factor, service
from .forms_admin import InviteForm, RoleForm
from .invites import MemberInvite, pending_invites, valid_invite
from .middleware import SESSION_KEY
from .models import Membership
from .navigation import member_links
from .roles import Capability
from .scoping import OrganisationScopedMixin


def _first_error(error: ValidationError) -> str:
    return error.messages[0] if error.messages else str(error)


class MemberMixin(OrganisationScopedMixin):
    capability = Capability.MANAGE_MEMBERS


class MemberListView(MemberMixin, KeepFiltersWhenPaging, ListView):
    model = Membership
    template_name = "tenancy/members.html"
    paginate_by = 25
    context_object_name = "members"

    def get_queryset(self):
        queryset = super().get_queryset().select_related("user")
        self.search = self.request.GET.get("q", "").strip()[:100]
        if self.search:
            queryset = queryset.filter(user__username__icontains=self.search)
        return queryset.order_by("user__username")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(search=self.search, **kwargs)
        page = list(context["members"])
        invites = pending_invites(page)
        context["rows"] = [
            {
                "membership": membership,
                "invite": invites.get(membership.pk),
                "waiting": not membership.user.has_usable_password(),
                "links": member_links(membership.role),
            }
            for membership in page
        ]
        return context


def _send_after_commit(membership: Membership, token: str | None) -> None:
    language = get_language() or "nl"
    transaction.on_commit(lambda: service.send_invite(membership, token, language))


class MemberInviteView(MemberMixin, FormView):
    template_name = "tenancy/member_invite.html"
    form_class = InviteForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            membership, token = service.invite_member(
                self.organisation, data["email"], data["role"], name=data["name"]
            )
        except ValidationError as error:
            form.add_error("email", _first_error(error))
            return self.form_invalid(form)
        _send_after_commit(membership, token)
        if token:
            text = _("%(email)s has been invited. The link in the e-mail works for 7 days.")
        else:
            text = _("%(email)s already had an account and can now log in here.")
        messages.success(self.request, text % {"email": membership.user.get_username()})
        links = [link for link in member_links(membership.role) if link.after_invite]
        if links:  # e.g. a provider user must now be tied to their provider
            return HttpResponseRedirect(reverse(links[0].url_name, args=[membership.pk]))
        return HttpResponseRedirect(reverse("tenancy:member_list"))


class MemberDetailView(MemberMixin, DetailView):
    """One member: change the role, send a new link, remove."""

    model = Membership
    template_name = "tenancy/member_detail.html"
    context_object_name = "membership"

    def get_queryset(self):
        return super().get_queryset().select_related("user")

    def get_context_data(self, **kwargs):
        membership = self.object
        return super().get_context_data(
            form=kwargs.pop("form", None) or RoleForm(initial={"role": membership.role}),
            is_self=membership.user_id == self.request.user.pk,
            waiting=not membership.user.has_usable_password(),
            links=member_links(membership.role),
            has_second_factor=second_factor.has_device(membership.user),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        self.object = membership = self.get_object()
        form = RoleForm(request.POST)
        if form.is_valid():
            try:
                service.change_role(membership, form.cleaned_data["role"], request.user)
            except ValidationError as error:
                form.add_error("role", _first_error(error))
            else:
                messages.success(request, _("The role has been changed."))
                return HttpResponseRedirect(reverse("tenancy:member_detail", args=[membership.pk]))
        return self.render_to_response(self.get_context_data(form=form))


class MemberActionView(MemberMixin, SingleObjectMixin, View):
    """POST only: `remove` ends the membership, `renew` sends a new one-time link,
    `reset_two_factor` removes the member's app, passkeys and backup codes."""

    model = Membership
    http_method_names = ["post"]
    action = "remove"

    def post(self, request, pk: int):
        membership = self.get_object()
        try:
            if self.action == "remove":
                service.remove_member(membership, request.user)
            elif self.action == "reset_two_factor":
                second_factor.reset_devices(request, membership)
            else:
                _send_after_commit(membership, service.renew_invite(membership))
        except ValidationError as error:
            messages.error(request, _first_error(error))
            return HttpResponseRedirect(reverse("tenancy:member_detail", args=[pk]))
        name = membership.user.get_username()
        if self.action == "remove":
            messages.success(request, _("%(name)s is no longer a member.") % {"name": name})
        elif self.action == "reset_two_factor":
            messages.success(
                request,
                _("%(name)s sets up two-step verification again at the next log-in.")
                % {"name": name},
            )
            return HttpResponseRedirect(reverse("tenancy:member_detail", args=[pk]))
        else:
            messages.success(request, _("A new link has been sent to %(name)s.") % {"name": name})
        return HttpResponseRedirect(reverse("tenancy:member_list"))


def _invalid_link(request):
    return render(request, "tenancy/invite_invalid.html", status=410)


@method_decorator(login_not_required, name="dispatch")
class InviteAcceptView(View):
    """The one-time link: the invited person chooses a password and is logged in."""

    template_name = "tenancy/invite_accept.html"

    def _page(self, request, invite: MemberInvite, form):
        context = {"form": form, "invite": invite, "organisation": invite.membership.organisation}
        return render(request, self.template_name, context)

    def get(self, request, token: str):
        invite = valid_invite(token)
        if invite is None:
            return _invalid_link(request)
        return self._page(request, invite, SetPasswordForm(invite.membership.user))

    def post(self, request, token: str):
        invite = valid_invite(token)
        if invite is None:
            return _invalid_link(request)
        form = SetPasswordForm(invite.membership.user, request.POST)
        if not form.is_valid():
            return self._page(request, invite, form)
        try:
            user = service.accept_invite(invite, form.cleaned_data["new_password1"])
        except ValidationError:
            return _invalid_link(request)
        login(request, cast(User, user), backend="gehoord.login_throttle.EmailBackend")
        # Start in the organisation that invited them, not their first membership.
        organisation = invite.membership.organisation
        request.session[SESSION_KEY] = organisation.pk
        messages.success(
            request, _("Welcome! You now work in %(name)s.") % {"name": organisation.name}
        )
        return HttpResponseRedirect(reverse("home"))
