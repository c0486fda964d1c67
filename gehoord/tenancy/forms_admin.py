"""Forms of the organisation administration: members, settings and API keys."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .api_keys import ApiScope
from .models import Organisation
from .roles import Role


class InviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=150,
        help_text=_("The person gets an e-mail with a link to choose a password."),
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Role.choices,
        help_text=_("The role decides what this person may see and do. You can change it later."),
    )


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class OrganisationSettingsForm(forms.ModelForm):
    """Every setting an administrator may change; the help texts say what follows from it."""

    languages = forms.MultipleChoiceField(
        label=_("Survey languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Residents can answer surveys in these languages. Dutch is always offered."),
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "inhabitants",
            "minimum_n",
            "quarantine_days",
            "retention_days_followups",
            "retention_days_contacts",
            "retention_days_open_answers",
            "languages",
            "named_in_benchmarks",
            "two_factor_required",
            "email_sender_address",
            "email_reply_to",
        ]
        help_texts = {
            "name": _("Residents see this name in e-mails, letters and on the public pages."),
            "inhabitants": _(
                "We use this to compare you with organisations of the same size. "
                "A change puts you in another size class at once."
            ),
            "minimum_n": _(
                "A figure based on fewer answers is hidden everywhere: on screen, in exports, "
                "in the API and on the public site. A higher number protects privacy better, "
                "but you will see fewer figures. At least 5."
            ),
            "quarantine_days": _(
                "A resident gets at most one invitation in this many days, for all services "
                "together. Fewer days means more answers, but residents may feel pestered."
            ),
            "retention_days_followups": _(
                "Closed follow-ups, with the phone number or e-mail address of the resident, "
                "are deleted after this many days."
            ),
            "retention_days_contacts": _(
                "Residents with no new service or invitation in this many days are removed "
                "from the contact register."
            ),
            "retention_days_open_answers": _(
                "What residents wrote in open answers is deleted after this many days. "
                "The grades and other answers stay."
            ),
            "named_in_benchmarks": _(
                "If you tick this, other organisations may see your name beside your figures "
                "in the comparison with organisations of the same size. If not, you are "
                "shown without a name."
            ),
            "two_factor_required": _(
                "Members who can see contact details or answers of residents, or who can "
                "export, then log in with a code from an app on their phone as well as their "
                "password. This protects personal data if a password is stolen."
            ),
            "email_sender_address": _(
                "Invitations, reminders and receipts to residents come from this address, for "
                "example klantbeleving@voorbeeld.nl. Use an address of your own domain and let "
                "your mail administrator allow gehoord's mail server to send for it (SPF, DKIM), "
                "or receivers may treat the mail as spam. Empty: the platform's address."
            ),
            "email_reply_to": _(
                "When a resident clicks Reply, the answer goes to this address. Empty: to the "
                "sender address."
            ),
        }

    def clean_languages(self) -> list[str]:
        chosen = self.cleaned_data["languages"]
        if "nl" not in chosen:
            raise forms.ValidationError(_("Dutch must stay on: every survey is in Dutch."))
        # Stored in the order of the settings, so the respondent's switch stays the same.
        return [code for code, _name in settings.LANGUAGES if code in chosen]


class ApiKeyForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=100,
        help_text=_("Which system uses this key, e.g. the case system."),
    )
    scopes = forms.MultipleChoiceField(
        label=_("What may this key do?"),
        choices=ApiScope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose only what the system needs. You cannot change this later."),
        error_messages={"required": _("Choose at least one thing the key may do.")},
    )
