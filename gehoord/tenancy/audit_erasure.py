"""Erasure reaches the audit log: an erased contact's details are cut out of its entries.

The audit log leaves the contact register's identity fields out, but other audited models
log free text in which a resident may have written their name, address or number (a
complaint's text, before and after an edit). When a contact is erased, every entry of the
organisation is searched and the details are replaced by placeholders in place: the entry
stays, as proof of who changed what and when, without the personal data.

This receiver stands below the contact register, so it cannot import the signal it
receives; `contacts/apps.py` connects it (see docs/architecture.md).
"""

from typing import Any, Protocol

from auditlog.models import LogEntry

TEXT_FIELDS = ("object_repr", "changes_text")
JSON_FIELDS = ("changes", "serialized_data", "additional_data")


class Redacts(Protocol):
    def redact(self, text: str) -> str: ...


def _redacted(value: Any, details: Redacts) -> Any:
    if isinstance(value, str):
        return details.redact(value)
    if isinstance(value, list):
        return [_redacted(item, details) for item in value]
    if isinstance(value, dict):
        return {key: _redacted(item, details) for key, item in value.items()}
    return value


def erase_from_audit_log(
    sender: Any, *, organisation_id: int, details: Redacts, **_: Any
) -> dict[str, int]:
    """Receiver of `contacts.service.contact_erased`: returns how many entries changed."""
    entries = LogEntry.objects.filter(additional_data__organisation_id=organisation_id).only(
        "pk", *TEXT_FIELDS, *JSON_FIELDS
    )
    changed = 0
    for entry in entries.iterator(chunk_size=2000):
        update = {}
        for field in (*TEXT_FIELDS, *JSON_FIELDS):
            value = getattr(entry, field)
            redacted = _redacted(value, details)
            if redacted != value:
                update[field] = redacted
        if update:
            # update(), not save(): nothing else about the entry changes.
            LogEntry.objects.filter(pk=entry.pk).update(**update)
            changed += 1
    return {"audit_log_entries": changed} if changed else {}
