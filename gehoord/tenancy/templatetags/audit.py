"""Readable changes of an audit-log entry, whatever shape the entry was stored in."""

import json

from auditlog.models import LogEntry
from django import template
from django.utils.translation import get_language
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


def _readable(data) -> str:
    """Stored JSON as words: a translated text in the reader's language, a list joined, a
    mapping as "key: value"; never braces."""
    if isinstance(data, list):
        return "; ".join(_readable(item) for item in data) or EMPTY
    if isinstance(data, dict):
        language = get_language() or "nl"
        for key in (language[:2], "nl"):
            if isinstance(data.get(key), str):
                return data[key]
        return "; ".join(f"{key}: {_readable(item)}" for key, item in data.items()) or EMPTY
    if isinstance(data, bool):
        return str(_("Yes") if data else _("No"))
    return EMPTY if data in (None, "") else str(data)


def _shown(value) -> str:
    if value in (None, "", "None"):
        return EMPTY
    text = str(value)
    if text in ("True", "False"):
        return str(_("Yes") if text == "True" else _("No"))
    if (text.startswith("{") and text.endswith("}")) or (
        text.startswith("[") and text.endswith("]")
    ):
        # Choices, texts per language and older selections are stored as JSON.
        try:
            return _readable(json.loads(text))
        except ValueError:
            return text
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
