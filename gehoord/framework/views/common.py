"""What the framework's staff views share: permissions, scoping of nested records, and how
text is shown (readability tips, conditions, answer values)."""

from __future__ import annotations

import importlib.util
from functools import cache
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from gehoord.tenancy.roles import Capability, role_has
from gehoord.tenancy.scoping import OrganisationScopedMixin

from ..models import ConditionOperator, VersionItem
from ..question_types import AGREEMENT_SCALE, CHOICE_TYPES, YES_NO_SCALE, QuestionType


class FrameworkMixin(OrganisationScopedMixin):
    """Viewing needs VIEW_QUESTIONNAIRES; views that change anything set MANAGE."""

    capability = Capability.VIEW_QUESTIONNAIRES
    tab = "questionnaires"

    @property
    def can_manage(self) -> bool:
        return role_has(self.request.membership.role, Capability.MANAGE_QUESTIONNAIRES)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(tab=self.tab, can_manage=self.can_manage, **kwargs)


class NestedScopeMixin:
    """get_queryset() for records owned through a parent (versions, version items).

    They do not inherit OrganisationOwned, so they have no for_organisation(); their
    organisation_path is followed explicitly instead.
    """

    model: type[models.Model]
    related: tuple[str, ...] = ()

    def get_queryset(self) -> models.QuerySet:
        return self.model.objects.filter(
            **{self.model.organisation_path: self.request.organisation}
        ).select_related(*self.related)


@cache
def _readability_checker():
    # The readability module is optional: without it the builder simply shows no tips.
    if importlib.util.find_spec("gehoord.framework.readability") is None:
        return None
    from ..readability import check_text

    return check_text


def readability_findings(text: str) -> list:
    """B1 tips on a Dutch text (warnings only; they never block saving or publishing)."""
    checker = _readability_checker()
    if checker is None or not text.strip():
        return []
    return list(checker(text, "nl"))


def value_label(item: VersionItem, value: str, language: str = "nl") -> str:
    """A stored answer value in words, e.g. "4" → "4 (Mee eens)" for an agreement item."""
    language = "en" if language == "en" else "nl"
    labels: dict[str, str] = {}
    if item.type == QuestionType.AGREEMENT:
        labels = {str(v): label for v, label in AGREEMENT_SCALE[language]}
    elif item.type == QuestionType.YES_NO:
        labels = {str(v): label for v, label in YES_NO_SCALE[language]}
    elif item.type in CHOICE_TYPES:
        labels = {o.get("value"): o.get(language) or o.get("nl", "") for o in item.options}
    label = labels.get(value)
    return f"{value} ({label})" if label else value


def condition_text(item: VersionItem, language: str = "nl") -> str:
    """ "Only shown when the answer to “…” is at least 6", for the builder and the preview."""
    condition = item.condition_item
    if condition is None:
        return ""
    return _("Only shown when the answer to “%(question)s” %(operator)s %(value)s.") % {
        "question": condition.text(language),
        "operator": ConditionOperator(item.condition_operator).label
        if item.condition_operator in ConditionOperator.values
        else item.condition_operator,
        "value": value_label(condition, item.condition_value, language),
    }
