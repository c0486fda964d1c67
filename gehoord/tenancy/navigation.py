"""Main navigation that apps plug into from their AppConfig.ready().

It lives in tenancy because what a member sees follows from the capabilities of their
role in the active organisation; every app sits above tenancy and may register items.

An item is shown when the active membership holds its capability, so provider users,
interviewers and administrators each see only what they can open.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise

from .roles import Capability, role_has


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
    membership = getattr(request, "membership", None)
    if membership is None:
        return []
    result = []
    for item in _items:
        if item.capability and not role_has(membership.role, item.capability):
            continue
        url = reverse(item.url_name)
        result.append({"label": item.label, "url": url, "current": request.path.startswith(url)})
    return result


def navigation(request: HttpRequest) -> dict:
    """Context processor."""
    return {"nav_items": visible_items(request)}
