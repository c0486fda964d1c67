from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gehoord.catalog import query as catalog_query
from gehoord.framework import query as framework_query
from gehoord.tenancy.roles import STAFF_ROLES, Role
from gehoord.tenancy.scoping import OrganisationScopedForm

from . import signal_picker
from .models import Action, Goal, Practice
from .pillars import PILLARS, STATEMENTS
from .signal_picker import SignalPicker

# Who can own an improvement action: staff, but not interviewers.
OWNER_ROLES = sorted(STAFF_ROLES - {Role.INTERVIEWER})

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActionForm(OrganisationScopedForm):
    class Meta:
        model = Action
        fields = [
            "title",
            "description",
            "status",
            "owner",
            "team",
            "due_on",
            "indicator",
            "effect_months",
            "driver",
            "theme",
            "provider",
            "weak_question",
            "signals",
            "waits_for",
            "blocked",
            "blocker",
        ]
        widgets = {"due_on": DATE, "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, signal_search: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # The owner is a member of this organisation who can carry an action: staff, not
        # a provider's account or an interviewer; listed by name. A current owner stays.
        owners = Q(
            memberships__organisation=self.organisation,
            memberships__role__in=OWNER_ROLES,
            is_active=True,
        )
        if self.instance.owner_id:
            owners |= Q(pk=self.instance.owner_id)
        self.fields["owner"].queryset = (
            get_user_model().objects.filter(owners).distinct().order_by("first_name", "last_name")
        )
        self.fields["owner"].label_from_instance = lambda user: (
            user.get_full_name() or user.username
        )
        catalog_query.require_own_team(self)
        self.fields["waits_for"].queryset = self.fields["waits_for"].queryset.exclude(
            pk=self.instance.pk
        )
        # Thousands of signals: any of the organisation's is accepted, but only the chosen
        # ones and up to twenty search matches are put on the page.
        signals = self.fields["signals"]
        signals.widget = SignalPicker()
        signals.help_text = ""
        if self.is_bound:
            chosen = self.data.getlist(self.add_prefix("signals"))
        elif "signals" in self.initial:
            chosen = [getattr(s, "pk", s) for s in self.initial["signals"]]
        else:
            chosen = (
                list(self.instance.signals.values_list("pk", flat=True)) if self.instance.pk else []
            )
        signal_picker.offer(signals, self.organisation, chosen, signal_search, self.membership)

    def clean(self):
        data = super().clean()
        if data.get("blocked") and not (data.get("blocker") or "").strip():
            self.add_error("blocker", _("Describe what blocks this action."))
        return data


class GoalForm(OrganisationScopedForm):
    class Meta:
        model = Goal
        fields = ["indicator", "target", "deadline", "description"]
        widgets = {"deadline": DATE}


class PracticeForm(OrganisationScopedForm):
    class Meta:
        model = Practice
        fields = ["what", "indicator_code", "result", "shared"]
        widgets = {
            "what": forms.Textarea(attrs={"rows": 3}),
            "result": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Peers match questions by their bank code, so offer the organisation's codes.
        choices = [
            (q.code, q.text_nl) for q in framework_query.bank(self.organisation).order_by("code")
        ]
        self.fields["indicator_code"].widget = forms.Select(choices=[("", "—"), *choices])


class PublishForm(forms.Form):
    action = forms.ModelChoiceField(label=_("Finished action"), queryset=Action.objects.none())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), coerce=int, choices=[(q, q) for q in range(1, 5)]
    )
    you_said = forms.CharField(
        label=_("You said …"), widget=forms.Textarea(attrs={"rows": 2}), max_length=600
    )
    we_did = forms.CharField(
        label=_("We did …"), widget=forms.Textarea(attrs={"rows": 2}), max_length=600
    )
    published = forms.BooleanField(label=_("Show on the public page"), required=False, initial=True)

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = actions


class ScanForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    title = forms.CharField(label=_("Title"), max_length=150, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, name in PILLARS.items():
            self.fields[f"target_{code}"] = forms.TypedChoiceField(
                label=_("Target level: %(pillar)s") % {"pillar": name},
                coerce=int,
                choices=[(level, level) for level in range(1, 6)],
                initial=3,
            )

    def targets(self) -> dict[str, int]:
        return {code: self.cleaned_data[f"target_{code}"] for code in PILLARS}


class AnswerForm(forms.Form):
    """One radio group per statement; each choice is a described level."""

    def __init__(self, *args, initial_levels=None, **kwargs):
        super().__init__(*args, **kwargs)
        for code, statement in STATEMENTS.items():
            self.fields[code] = forms.TypedChoiceField(
                label=statement.text,
                coerce=int,
                widget=forms.RadioSelect,
                choices=[(i + 1, f"{i + 1}. {text}") for i, text in enumerate(statement.levels)],
                initial=(initial_levels or {}).get(code),
                error_messages={"required": _("Choose a level for this statement.")},
            )
