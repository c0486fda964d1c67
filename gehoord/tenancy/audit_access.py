"""The audit log's part of a subject access export: the entries about one contact.

Those are the entries of the contact's own record and consents, and every other entry of
the organisation that names them (as erasure would redact it: full name, e-mail address,
mobile number), such as an edited complaint text. Like erasure's receiver this stands below
the contact register and knows its models only through the instance it is given;
`contacts/apps.py` connects it to `contacts.service.subject_access_requested`.
"""

from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from .audit_erasure import JSON_FIELDS, TEXT_FIELDS


def _names(details: Any, entry: LogEntry) -> bool:
    if details.pattern is None:
        return False
    values = [getattr(entry, field) for field in (*TEXT_FIELDS, *JSON_FIELDS)]
    return any(value and details.pattern.search(str(value)) for value in values)


def _who(entry: LogEntry) -> str:
    if entry.actor is None:
        return _("the system")
    # A resident is told that a staff member acted, not the staff member's address.
    return entry.actor.get_full_name() or _("a staff member")


def _changes(entry: LogEntry) -> str:
    changes = entry.changes_dict
    return "; ".join(
        f"{field}: {values[0]} → {values[1]}"
        if isinstance(values, list | tuple) and len(values) == 2
        else f"{field}: {values}"
        for field, values in changes.items()
    )


def audit_log_section(sender: Any, *, contact: Any, details: Any, **_kwargs: Any) -> list[dict]:
    own = {
        (ContentType.objects.get_for_model(contact).pk, str(contact.pk)),
        *(
            (ContentType.objects.get_for_model(contact.consents.model).pk, str(pk))
            for pk in contact.consents.values_list("pk", flat=True)
        ),
    }
    entries = [
        entry
        for entry in LogEntry.objects.filter(
            additional_data__organisation_id=contact.organisation_id
        )
        .select_related("actor")
        .order_by("timestamp", "pk")
        .iterator(chunk_size=2000)
        if (entry.content_type_id, entry.object_pk) in own or _names(details, entry)
    ]
    actions = {
        LogEntry.Action.CREATE: _("created"),
        LogEntry.Action.UPDATE: _("changed"),
        LogEntry.Action.DELETE: _("deleted"),
        LogEntry.Action.ACCESS: _("opened"),
    }
    return [
        {
            "key": "audit_log",
            "title": _("Who looked at or changed your details"),
            "order": 90,
            "columns": [
                {"key": "when", "label": _("When")},
                {"key": "who", "label": _("Who")},
                {"key": "action", "label": _("Action")},
                {"key": "what", "label": _("What")},
                {"key": "changes", "label": _("Change")},
            ],
            "rows": [
                {
                    "when": entry.timestamp,
                    "who": _who(entry),
                    "action": str(actions.get(entry.action, entry.action)),
                    "what": entry.object_repr,
                    "changes": _changes(entry),
                }
                for entry in entries
            ],
        }
    ]
