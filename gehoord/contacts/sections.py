"""Sections of the contact page that apps above contacts plug in from AppConfig.ready().

The contact page belongs to contacts, yet some of what it must show is stored higher up
(the invitations of outreach). Contacts cannot import those apps, so an app registers a
section here: a template and a function that builds its context for one contact. The
contact page renders every section the member's role may see, in order. Like the main
menu (`tenancy.navigation`), contacts never learns who registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from gehoord.tenancy.roles import Capability, role_has

from .models import Contact


@dataclass(frozen=True)
class ContactSection:
    key: str
    template_name: str
    # (request, contact) -> the template's context; reads scoped by the contact itself.
    context: Callable[[HttpRequest, Contact], dict[str, Any]]
    capability: Capability | None = None
    order: int = 100


_sections: dict[str, ContactSection] = {}


def register(section: ContactSection) -> None:
    _sections[section.key] = section


def sections_for(request: HttpRequest, contact: Contact) -> list[dict[str, Any]]:
    """[{"template_name", "context"}] of the sections this member may see."""
    role = request.membership.role  # type: ignore[attr-defined]  # set by the middleware
    return [
        {"template_name": s.template_name, "context": s.context(request, contact)}
        for s in sorted(_sections.values(), key=lambda s: s.order)
        if s.capability is None or role_has(role, s.capability)
    ]
