"""The public feedback form's checks: a spam-resistant form without third-party services.

Bots are kept out by a honeypot field people do not see, and by a signed time stamp: a
form sent within seconds of being opened was not typed by a person, and one older than a
few hours is stale. The view adds a per-address rate limit. The contact-details part
is shared with the page where a surveyed resident who asked for contact leaves details.
"""

import re
import time

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from gehoord.catalog import query as catalog_query

from .models import TEXT_MAX_LENGTH, SignalKind

SALT = "gehoord.feedback.public-form"
MIN_SECONDS = 3
MAX_SECONDS = 4 * 3600
PUBLIC_KINDS = [
    (SignalKind.COMPLAINT, _("A complaint")),
    (SignalKind.FEEDBACK, _("An idea or remark")),
    (SignalKind.COMPLIMENT, _("A compliment")),
]
PHONE = re.compile(r"^\+?[0-9 ()-]{10,20}$")


def issue_token(at: float | None = None) -> str:
    return signing.dumps(int(at if at is not None else time.time()), salt=SALT)


class ContactDetailsForm(forms.Form):
    """How a resident can be reached, with their consent (stored only in a follow-up)."""

    name = forms.CharField(label=_("Name"), required=False, max_length=200)
    email = forms.EmailField(label=_("E-mail address"), required=False, max_length=254)
    phone = forms.CharField(label=_("Phone number"), required=False, max_length=20)
    consent = forms.BooleanField(
        label=_(
            "You may use my details to contact me about this message. They are deleted "
            "after it has been handled."
        ),
        required=False,
    )

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and not PHONE.match(phone):
            raise forms.ValidationError(_("Enter a phone number such as 06 12345678."))
        return phone

    def check_contact_details(self, data: dict) -> None:
        if not (data.get("email") or data.get("phone")):
            self.add_error(
                "email", _("Give an e-mail address or a phone number, so we can contact you.")
            )
        if not data.get("consent"):
            self.add_error("consent", _("We need your permission to contact you."))

    def contact(self) -> dict | None:
        data = self.cleaned_data
        return {
            "name": data["name"].strip(),
            "email": data["email"],
            "phone": data["phone"],
            "consent": data["consent"],
        }


class CallBackForm(ContactDetailsForm):
    """Contact details of a resident who asked in a survey to be contacted."""

    field_order = ["name", "phone", "email", "consent"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = _(
            "You may use my details to contact me about my "
            "answers. They are deleted after the contact."
        )

    def clean(self):
        data = super().clean()
        self.check_contact_details(data)
        return data


class PublicFeedbackForm(ContactDetailsForm):
    kind = forms.ChoiceField(
        label=_("What would you like to tell us?"),
        choices=PUBLIC_KINDS,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you want to tell us.")},
    )
    service = forms.ModelChoiceField(
        label=_("What is it about?"),
        queryset=None,
        required=False,
        empty_label=_("I don't know / something else"),
    )
    text = forms.CharField(
        label=_("Your message"),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=TEXT_MAX_LENGTH,
        help_text=_("At most 5000 characters."),
        error_messages={
            "required": _("Write your message."),
            "max_length": _(
                "Your message is too long: at most %(limit_value)d characters, "
                "it has %(show_value)d. Shorten it or send it in two parts."
            ),
        },
    )
    receipt_email = forms.EmailField(
        label=_("E-mail address for a confirmation (optional)"),
        required=False,
        max_length=254,
        help_text=_(
            "We send you an e-mail with your reference number and a copy of your message. "
            "We do not use the address for anything else."
        ),
    )
    wants_contact = forms.BooleanField(
        label=_("I would like you to contact me about this"), required=False
    )
    # Honeypot: hidden from people (and from screen readers), filled in by bots.
    website = forms.CharField(required=False, max_length=200, label=_("Leave this field empty"))
    started = forms.CharField(widget=forms.HiddenInput)

    field_order = [
        "kind",
        "service",
        "text",
        "receipt_email",
        "wants_contact",
        "name",
        "email",
        "phone",
        "consent",
        "website",
        "started",
    ]

    def __init__(self, *args, organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service"].queryset = catalog_query.active_services(organisation)
        self.fields["website"].widget.attrs.update({"tabindex": "-1", "autocomplete": "off"})
        if not self.is_bound:
            self.initial["started"] = issue_token()

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get("website"))

    def clean_started(self) -> int:
        try:
            started = signing.loads(self.cleaned_data["started"], salt=SALT)
        except signing.BadSignature:
            raise forms.ValidationError(_("This form was altered. Open the page again.")) from None
        age = time.time() - int(started)
        if age < MIN_SECONDS:
            raise forms.ValidationError(
                _("That was very fast. Check your message and send it again.")
            )
        if age > MAX_SECONDS:
            raise forms.ValidationError(
                _("This page was open for a long time. Your message is still here: send it again.")
            )
        return started

    def clean_text(self) -> str:
        text = self.cleaned_data["text"].strip()
        if not text:
            raise forms.ValidationError(_("Write your message."))
        return text

    def clean(self):
        data = super().clean()
        if data.get("wants_contact"):
            self.check_contact_details(data)
        return data

    def contact(self) -> dict | None:
        return super().contact() if self.cleaned_data.get("wants_contact") else None

    def receipt_address(self) -> str:
        """Where the receipt goes: the address given for it, else the contact address."""
        contact = self.contact() or {}
        return self.cleaned_data.get("receipt_email") or contact.get("email") or ""
