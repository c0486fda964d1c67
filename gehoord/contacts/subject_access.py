"""Subject access ("inzage", AVG art. 15): everything gehoord holds on one contact.

The register's own part (identity, consents, opt-out, panel membership) is read here; every
other store answers `contacts.service.subject_access_requested` with its sections (outreach:
service events and invitations; feedback: follow-ups and signals; the audit log), so this
module never imports a higher floor and a new store only connects a receiver. Survey
responses are not in it, by design: they hold no key to a contact (DESIGN.md §4), so no one
can tell which responses are this resident's; the export says so in plain words.

The report is built in the contact's own language and leaves as JSON (for systems) or as a
PDF (for the resident); each download is written to the audit log with who made it.
"""

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from .models import Contact, Purpose

# Said to the resident in the export (translated through the catalogue: see `report`).
EXPLANATION = gettext_noop(
    "Your answers to our questionnaires are not in this overview. We keep those answers "
    "without your name, address or anything else that leads to you: an answer is not "
    "linked to your details. That is why we cannot see which answers are yours, and why "
    "we cannot show them. You can see below when you were invited to a questionnaire."
)


def _columns(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"key": key, "label": label} for key, label in pairs]


def _register_sections(contact: Contact) -> list[dict]:
    fields = ("name", "email", "mobile", "street", "postal_code", "city", "birth_year")
    # "item" names a row for systems reading the JSON; "field" is its label for people.
    identity = [
        {
            "item": name,
            "field": str(Contact._meta.get_field(name).verbose_name),  # type: ignore[union-attr]
            "value": getattr(contact, name),
        }
        for name in (*fields, "district", "external_ref")
    ]
    identity.append(
        {
            "item": "preferred_language",
            "field": _("language"),
            "value": contact.get_preferred_language_display(),
        }
    )
    identity.append(
        {"item": "created_at", "field": _("in the register since"), "value": contact.created_at}
    )
    consents = list(contact.consents.order_by("given_at", "pk"))
    panel = [c for c in consents if c.purpose == Purpose.PANEL and c.is_active]
    return [
        {
            "key": "identity",
            "title": _("Your details"),
            "order": 10,
            "columns": _columns(("field", _("What")), ("value", _("Value"))),
            "rows": identity,
        },
        {
            "key": "consents",
            "title": _("Consents"),
            "order": 20,
            "columns": _columns(
                ("purpose", _("Purpose")),
                ("legal_basis", _("Legal basis")),
                ("source", _("Source")),
                ("given_at", _("Given")),
                ("withdrawn_at", _("Withdrawn")),
            ),
            "rows": [
                {
                    "purpose": c.get_purpose_display(),
                    "legal_basis": c.get_legal_basis_display(),
                    "source": c.get_source_display(),
                    "given_at": c.given_at,
                    "withdrawn_at": c.withdrawn_at,
                }
                for c in consents
            ],
        },
        {
            "key": "opt_out_and_panel",
            "title": _("Opt-out and panel"),
            "order": 30,
            "columns": _columns(("field", _("What")), ("value", _("Value"))),
            "rows": [
                {
                    "item": "opted_out_at",
                    "field": _("opted out of invitations on"),
                    "value": contact.opted_out_at,
                },
                {
                    "item": "panel_member_since",
                    "field": _("member of the panel since"),
                    "value": panel[0].given_at if panel else _("not a member"),
                },
            ],
        },
    ]


def plain(value: Any) -> Any:
    """A value as it is shown in the PDF: dates as 30-11-2026, nothing as –."""
    if value in (None, ""):
        return "–"
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d-%m-%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, Decimal | float):
        return f"{value:g}"
    return str(value)


def report(contact: Contact, other_sections: list[dict]) -> dict:
    """The whole report as plain data: the register's sections and the other stores'
    (their answers to `subject_access_requested`), in their order."""
    with translation.override(contact.preferred_language):
        sections = sorted([*_register_sections(contact), *other_sections], key=lambda s: s["order"])
        return {
            "organisation": contact.organisation.name,
            "contact_number": contact.pk,
            "made_at": timezone.now(),
            "language": contact.preferred_language,
            "title": _("What %(organisation)s holds about you")
            % {"organisation": contact.organisation.name},
            "responses_not_included": _(EXPLANATION),
            "sections": [
                {
                    **section,
                    "title": str(section["title"]),
                    "columns": [
                        {"key": c["key"], "label": str(c["label"])} for c in section["columns"]
                    ],
                }
                for section in sections
            ],
        }


def as_json(data: dict) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def as_pdf(data: dict) -> bytes:
    from weasyprint import HTML

    sections = [
        {
            **section,
            "labels": [str(column["label"]) for column in section["columns"]],
            "cells": [
                [plain(row.get(column["key"])) for column in section["columns"]]
                for row in section["rows"]
            ],
        }
        for section in data["sections"]
    ]
    with translation.override(data["language"]):
        html = render_to_string(
            "contacts/subject_access_pdf.html",
            {**data, "sections": sections, "made_at": plain(data["made_at"])},
        )
    return HTML(string=html).write_pdf()
