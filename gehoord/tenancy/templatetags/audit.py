"""Readable changes of an audit-log entry, whatever shape the entry was stored in."""

import json

from auditlog.models import LogEntry
from django import template
from django.utils.translation import gettext_lazy as _

from gehoord.tenancy.audit_reads import ReadKind, ReadResult

register = template.Library()

EMPTY = "–"
# django-auditlog has no Dutch catalogue; these are our own words for its actions.
ACTIONS = {
    LogEntry.Action.CREATE: _("created"),
    LogEntry.Action.UPDATE: _("changed"),
    LogEntry.Action.DELETE: _("deleted"),
    LogEntry.Action.ACCESS: _("opened"),
}


def _shown(value) -> str:
    if value in (None, "", "None"):
        return EMPTY
    text = str(value)
    if text.startswith("{") and text.endswith("}"):
        # Older entries stored a selection as JSON; shown as words, never with braces.
        try:
            data = json.loads(text)
        except ValueError:
            return text
        if isinstance(data, dict):
            return "; ".join(f"{key}: {_shown(item)}" for key, item in data.items()) or EMPTY
    return text


@register.filter
def audit_changes(entry: LogEntry) -> list[tuple[str, str, str]]:
    """(field, before, after) per changed field; "–" for nothing.

    django-auditlog's display helper assumes every stored value is a string; an entry
    written with other values (older releases of our own export log did) must not take
    the whole audit log page down, so those fall back to the raw values.
    """
    try:
        changes = entry.changes_display_dict
    except (TypeError, ValueError):
        changes = entry.changes_dict
    rows = []
    for field, values in changes.items():
        if isinstance(values, list | tuple) and len(values) == 2:
            rows.append((str(field), _shown(values[0]), _shown(values[1])))
        else:  # many-to-many changes are stored as a dict
            rows.append((str(field), EMPTY, _shown(values)))
    return rows


@register.filter
def audit_action(entry: LogEntry) -> str:
    if (entry.additional_data or {}).get("kind") == ReadKind.LOGIN:
        return str(_("logged in"))
    return str(ACTIONS.get(entry.action, entry.get_action_display()))


@register.filter
def audit_read(entry: LogEntry) -> str:
    """The kind of a read entry in the reader's language ("" for a change)."""
    kind = (entry.additional_data or {}).get("kind")
    return str(ReadKind(kind).label) if kind in ReadKind.values else ""


@register.filter
def audit_result(entry: LogEntry) -> str:
    result = (entry.additional_data or {}).get("result")
    return str(ReadResult(result).label) if result in ReadResult.values else ""
