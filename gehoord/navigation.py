"""Main navigation that apps plug into from their AppConfig.ready().

An item is shown when the active membership holds its capability, so provider users,
interviewers and administrators each see only what they can open.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise

if TYPE_CHECKING:
    from gehoord.tenancy.roles import Capability


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    capability: Capability | None = None
    order: int = 100


_items: list[NavItem] = []


def register(item: NavItem) -> None:
    if item not in _items:
        _items.append(item)
        _items.sort(key=lambda i: i.order)


def visible_items(request: HttpRequest) -> list[dict]:
    from gehoord.tenancy.roles import role_has

    membership = getattr(request, "membership", None)
    if membership is None:
        return []
    result = []
    for item in _items:
        if item.capability and not role_has(membership.role, item.capability):
            continue
        url = reverse(item.url_name)
        result.append(
            {"label": item.label, "url": url, "current": request.path.startswith(url)}
        )
    return result


def navigation(request: HttpRequest) -> dict:
    """Context processor."""
    return {"nav_items": visible_items(request)}
