"""Registering models with django-auditlog, the same way in every app.

On create and delete, django-auditlog also "logs" a model's reverse relations (another
model's foreign key pointing here), which reads as "surveys.SurveyToken.None" in the audit
log. Those relations are not data of this row — the other side logs its own changes — so
they are always excluded here.
"""

from typing import Any

from auditlog.registry import auditlog
from django.db.models import Model


def reverse_relation_names(model: type[Model]) -> list[str]:
    return [
        field.name
        for field in model._meta.get_fields()
        if field.auto_created and not field.concrete
    ]


def register(model: type[Model], **options: Any) -> None:
    """auditlog.register without the reverse relations (and with any `exclude_fields`)."""
    if "include_fields" not in options:
        options["exclude_fields"] = [
            *options.get("exclude_fields", []),
            *reverse_relation_names(model),
        ]
    auditlog.register(model, **options)
