from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from gehoord.outgoing import OutgoingFailed, OutgoingRefused, check
from gehoord.tenancy.scoping import OrganisationScopedForm

from .models import EVENT_LABELS, Subscription


def _https_by_default(field: models.Field, **kwargs: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class SubscriptionForm(OrganisationScopedForm):
    event_types = forms.MultipleChoiceField(
        label=_("Events"),
        choices=list(EVENT_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("gehoord sends only these events. They never hold names or answers."),
    )

    class Meta:
        model = Subscription
        formfield_callback = _https_by_default
        fields = ["url", "description", "event_types", "allow_internal_host", "enabled"]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        url = data.get("url")
        if url:
            probe = Subscription(url=url, allow_internal_host=data.get("allow_internal_host"))
            try:
                check(url, probe.policy())
            except OutgoingRefused as refusal:
                self.add_error(
                    "url",
                    _(
                        "gehoord may not call this address: %(reason)s. Tick “allow an "
                        "internal address” only for a receiver on your own network."
                    )
                    % {"reason": refusal},
                )
            except OutgoingFailed:
                self.add_error("url", _("This address cannot be found. Check the host name."))
        return data
