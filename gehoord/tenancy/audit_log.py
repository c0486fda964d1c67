"""The audit log screen's reads: one organisation's entries, filtered, and as CSV.

Entries belong to an organisation through `additional_data["organisation_id"]`, which
every audited model and every read entry carries; no other organisation's entry can pass
`entries_of`. Read entries and log-ins are both ACCESS entries, told apart by their kind.
"""

import csv
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from auditlog.models import LogEntry
from django import forms
from django.contrib.auth.models import User
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils.encoding import smart_str
from django.utils.translation import gettext_lazy as _

from .audit_reads import LOGIN_KINDS
from .models import Organisation

# The action filter's choices: django-auditlog's actions, with reads and log-ins apart.
ACTION_CHOICES = [
    ("", _("All actions")),
    ("created", _("created")),
    ("changed", _("changed")),
    ("deleted", _("deleted")),
    ("read", _("opened")),
    ("login", _("logged in")),
]
# Cap of the CSV export: a bigger period is asked for in parts.
CSV_LIMIT = 50_000


def entries_of(organisation: Organisation) -> QuerySet[LogEntry]:
    return LogEntry.objects.filter(additional_data__organisation_id=organisation.pk)


class ObjectTypeField(forms.ModelChoiceField):
    def label_from_instance(self, obj: ContentType) -> str:
        return str(obj.name).capitalize()


class AuditLogFilterForm(forms.Form):
    actor = forms.ModelChoiceField(
        label=_("Who"), queryset=User.objects.none(), required=False, empty_label=_("Everyone")
    )
    action = forms.ChoiceField(label=_("Action"), choices=ACTION_CHOICES, required=False)
    object_type = ObjectTypeField(
        label=_("Kind of object"),
        queryset=ContentType.objects.none(),
        required=False,
        empty_label=_("All kinds"),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, organisation: Organisation, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        actor = self.fields["actor"]
        assert isinstance(actor, forms.ModelChoiceField)
        actor.queryset = User.objects.filter(memberships__organisation=organisation).order_by(
            "username"
        )
        # Only the kinds that occur in this organisation's log.
        used = entries_of(organisation).values("content_type_id").distinct()
        object_type = self.fields["object_type"]
        assert isinstance(object_type, forms.ModelChoiceField)
        object_type.queryset = ContentType.objects.filter(pk__in=used).order_by("model")

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        start: date | None = cleaned.get("date_from")
        end: date | None = cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return cleaned

    def filter(self, entries: QuerySet[LogEntry]) -> QuerySet[LogEntry]:
        """`entries` narrowed by the valid filters (all of them if the form is invalid)."""
        if not self.is_valid():
            return entries
        data = self.cleaned_data
        if data.get("actor"):
            entries = entries.filter(actor=data["actor"])
        action = data.get("action")
        if action == "created":
            entries = entries.filter(action=LogEntry.Action.CREATE)
        elif action == "changed":
            entries = entries.filter(action=LogEntry.Action.UPDATE)
        elif action == "deleted":
            entries = entries.filter(action=LogEntry.Action.DELETE)
        elif action == "read":
            entries = entries.filter(action=LogEntry.Action.ACCESS).exclude(
                additional_data__kind__in=[kind.value for kind in LOGIN_KINDS]
            )
        elif action == "login":
            entries = entries.filter(additional_data__kind__in=[kind.value for kind in LOGIN_KINDS])
        if data.get("object_type"):
            entries = entries.filter(content_type=data["object_type"])
        if data.get("date_from"):
            entries = entries.filter(timestamp__date__gte=data["date_from"])
        if data.get("date_to"):
            entries = entries.filter(timestamp__date__lte=data["date_to"])
        return entries


def _fk_values(entry: LogEntry) -> Iterator[tuple[Any, Any]]:
    """(field, primary key) of each foreign key value named in the entry's changes."""
    model = entry.content_type.model_class()
    if model is None:
        return
    for name, values in entry.changes_dict.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not isinstance(field, models.ForeignKey | models.OneToOneField):
            continue
        for value in values if isinstance(values, list | tuple) else ():
            if value in (None, "None"):
                continue
            try:
                yield field, field.related_model._meta.pk.to_python(value)
            except ValidationError:
                continue


def load_related_names(entries: Iterable[LogEntry]) -> None:
    """Fetch the objects the page's changes point to in one query per model.

    django-auditlog shows a changed foreign key by the related object's name and fetches
    that object once per entry and field; a page of 50 entries would take 50 queries or
    more. Here each entry is given a look-up in the names fetched for the whole page.
    """
    entries = list(entries)
    wanted: dict[type[models.Model], set[Any]] = defaultdict(set)
    for entry in entries:
        for field, pk in _fk_values(entry):
            wanted[field.related_model].add(pk)
    found = {
        model: model._default_manager.in_bulk(sorted(pks, key=str)) for model, pks in wanted.items()
    }

    def display(field: Any, value: Any) -> str:
        if value == "None":
            return value
        try:
            pk = field.related_model._meta.pk.to_python(value)
        except ValidationError:
            return value
        related = found.get(field.related_model, {}).get(pk)
        if related is None:
            return f"Deleted '{field.related_model.__name__}' ({value})"
        return smart_str(related)

    for entry in entries:
        # The instance's own look-up shadows django-auditlog's querying method.
        entry._get_changes_display_for_fk_field = display


class _Echo:
    """A file-like object whose write() hands the line back, so rows become lines."""

    def write(self, value: str) -> str:
        return value


# Stable English words for the CSV, whatever the reader's language.
ACTION_NAMES = {
    LogEntry.Action.CREATE: "create",
    LogEntry.Action.UPDATE: "update",
    LogEntry.Action.DELETE: "delete",
    LogEntry.Action.ACCESS: "access",
}
CSV_HEADER = [
    "timestamp",
    "actor_id",
    "action",
    "kind",
    "result",
    "object_type",
    "object_id",
    "address",
]


def csv_lines(entries: QuerySet[LogEntry]) -> Iterator[str]:
    """The entries as CSV lines (";" and a BOM, as the project's other CSV files), without
    the entry's text and changes: those can hold what a resident wrote; ids only."""
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff" + writer.writerow(CSV_HEADER)
    rows = (
        entries.select_related("content_type")
        .order_by("-timestamp", "-pk")
        .only(
            "timestamp",
            "actor_id",
            "action",
            "additional_data",
            "content_type__app_label",
            "content_type__model",
            "object_pk",
            "remote_addr",
        )[:CSV_LIMIT]
    )
    for entry in rows.iterator(chunk_size=2000):
        extra = entry.additional_data or {}
        yield writer.writerow(
            [
                entry.timestamp.isoformat(),
                entry.actor_id or "",
                ACTION_NAMES.get(entry.action, str(entry.action)),
                extra.get("kind", ""),
                extra.get("result", ""),
                f"{entry.content_type.app_label}.{entry.content_type.model}",
                entry.object_pk,
                entry.remote_addr or "",
            ]
        )
