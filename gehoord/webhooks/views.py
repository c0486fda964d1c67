"""The administrators' webhook screens: subscriptions, their delivery log, a test event."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, ListView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from gehoord.tenancy.roles import Capability
from gehoord.tenancy.scoping import OrganisationScopedMixin, active_membership

from . import query, service
from .forms import SubscriptionForm
from .models import Delivery, DeliveryStatus, Subscription


class WebhookMixin(OrganisationScopedMixin):
    capability = Capability.MANAGE_ORGANISATION


class FormKwargsMixin:
    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),  # type: ignore[misc]  # a mixin
            "organisation": self.organisation,  # type: ignore[attr-defined]
            "membership": active_membership(self.request),  # type: ignore[attr-defined]
        }


class SubscriptionListView(WebhookMixin, ListView):
    model = Subscription
    template_name = "webhooks/subscriptions.html"
    context_object_name = "subscriptions"


class SubscriptionCreateView(WebhookMixin, FormKwargsMixin, CreateView):
    model = Subscription
    form_class = SubscriptionForm
    template_name = "webhooks/subscription_form.html"

    def form_valid(self, form: Any) -> HttpResponse:
        subscription = form.save(commit=False)
        secret = service.create_subscription(subscription)
        return _secret_page(self.request, subscription, secret)


def _secret_page(request: HttpRequest, subscription: Subscription, secret: str) -> HttpResponse:
    # Shown in this response only; the database holds it encrypted.
    response = render(
        request,
        "webhooks/secret.html",
        {"subscription": subscription, "secret": secret},
    )
    response["Cache-Control"] = "no-store"
    return response


class SubscriptionDetailView(WebhookMixin, FormKwargsMixin, UpdateView):
    model = Subscription
    form_class = SubscriptionForm
    template_name = "webhooks/subscription_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            deliveries=query.deliveries_of(self.object), failed=DeliveryStatus.FAILED, **kwargs
        )

    def form_valid(self, form: Any) -> HttpResponse:
        service.save_subscription(form.save(commit=False))
        messages.success(self.request, _("The subscription has been saved."))
        return HttpResponseRedirect(reverse("webhooks:detail", args=[self.object.pk]))


class SubscriptionActionView(WebhookMixin, SingleObjectMixin, View):
    model = Subscription
    http_method_names = ["post"]
    action = ""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        subscription = self.get_object()
        if self.action == "test":
            service.send_test_event(subscription)
            messages.success(
                request, _("A test event is on its way. Its delivery shows in the log below.")
            )
        elif self.action == "secret":
            return _secret_page(request, subscription, service.new_secret(subscription))
        elif self.action == "delete":
            service.remove_subscription(subscription)
            messages.success(request, _("The subscription has been removed."))
            return HttpResponseRedirect(reverse("webhooks:list"))
        return HttpResponseRedirect(reverse("webhooks:detail", args=[subscription.pk]))


class DeliveryRetryView(WebhookMixin, SingleObjectMixin, View):
    model = Delivery
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        delivery = self.get_object()
        if delivery.status == DeliveryStatus.FAILED:
            service.retry_now(delivery)
            messages.success(request, _("The event will be sent again."))
        return HttpResponseRedirect(reverse("webhooks:detail", args=[delivery.subscription_id]))
