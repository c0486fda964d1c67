"""Choosing the signals an action answers: thousands exist, so the form never lists them
all. It shows the chosen ones as checkboxes and a search that offers at most twenty more;
with JavaScript the matches appear while typing (htmx fetches a small fragment), without
it the search button sends the form back with the matches added."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from gehoord.feedback import query as feedback_query

SEARCH_FIELD = "signalen_zoek"  # the search box; its button is named "zoek_signalen"
SEARCH_BUTTON = "zoek_signalen"
MATCHES = 20


def signal_label(signal) -> str:
    # No text: a signal may hold personal data, and this form is not the case screen.
    service = f" · {signal.service.name}" if signal.service_id else ""
    return f"#{signal.pk} · {signal.received_on:%d-%m-%Y} · {signal.get_kind_display()}{service}"


class SignalPicker(forms.CheckboxSelectMultiple):
    """Checkboxes for the chosen signals only, a search box and its matches."""

    template_name = "improvement/widgets/signal_picker.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.search = ""
        self.matches: list[tuple[int, str]] = []

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        chosen = {str(v) for v in value or []}
        context.update(
            search=self.search,
            search_field=SEARCH_FIELD,
            search_button=SEARCH_BUTTON,
            matches=[(pk, label) for pk, label in self.matches if str(pk) not in chosen],
        )
        return context


def offer(
    field: forms.ModelMultipleChoiceField, organisation, chosen, search: str, membership=None
) -> None:
    """Let `field` render the `chosen` signal ids as checked boxes and, when `search` is
    given, up to twenty matches; validation accepts any the field's queryset holds (the
    organisation's, or the member's teams')."""
    ids = [int(v) for v in chosen or [] if str(v).isdigit()]
    rows = field.queryset.defer("text").filter(pk__in=ids)
    field.widget.choices = [(s.pk, signal_label(s)) for s in rows.order_by("-received_on")]
    widget: SignalPicker = field.widget  # type: ignore[assignment]
    widget.search = search
    if search.strip():
        widget.matches = [
            (s.pk, signal_label(s))
            for s in feedback_query.signals_matching(organisation, search, membership=membership)
        ]


def matches_for(
    organisation, search: str, chosen: list[str], membership=None
) -> list[tuple[int, str]]:
    """The fragment's matches: up to twenty, without those already chosen; only signals
    `membership` may see."""
    taken = {v for v in chosen if v.isdigit()}
    found = feedback_query.signals_matching(
        organisation, search, limit=MATCHES + len(taken), membership=membership
    )
    return [(s.pk, signal_label(s)) for s in found if str(s.pk) not in taken][:MATCHES]


SEARCH_HELP = _("Search by number, reference, service or a word from the text.")
