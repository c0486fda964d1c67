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

from .roles import Capability, Role, role_has


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
    return _visible(request, _items)


@dataclass(frozen=True)
class MemberLink:
    """A screen of a higher app about one member of `roles`, shown in the member list.

    The catalogue registers the screen that ties a provider user to their provider, so the
    member screens (here, on the lowest floor) need not know about providers. `url_name`
    takes the membership's id.
    """

    label: str | Promise
    url_name: str
    roles: frozenset[Role]
    # Opened straight after inviting someone with one of `roles` (a provider user must be
    # tied to their provider before they see anything).
    after_invite: bool = False


_admin_tabs: list[NavItem] = []
_member_links: list[MemberLink] = []


def register_admin_tab(item: NavItem) -> None:
    """A tab of the organisation administration (members, settings, keys, connections …)."""
    if item not in _admin_tabs:
        _admin_tabs.append(item)
        _admin_tabs.sort(key=lambda i: i.order)


def register_member_link(link: MemberLink) -> None:
    if link not in _member_links:
        _member_links.append(link)


def member_links(role: str) -> list[MemberLink]:
    return [link for link in _member_links if role in link.roles]


def _visible(request: HttpRequest, items: list[NavItem]) -> list[dict]:
    membership = getattr(request, "membership", None)
    if membership is None:
        return []
    result = []
    for item in items:
        if item.capability and not role_has(membership.role, item.capability):
            continue
        url = reverse(item.url_name)
        result.append({"label": item.label, "url": url, "current": request.path.startswith(url)})
    return result


def admin_tabs(request: HttpRequest) -> list[dict]:
    return _visible(request, _admin_tabs)


def capabilities(request: HttpRequest) -> frozenset[str]:
    """What the active membership may do, for in-page links: `{% if "x" in capabilities %}`
    asks the same `role_has` the views' checks ask, so a tab is shown only if it opens."""
    membership = getattr(request, "membership", None)
    if membership is None:
        return frozenset()
    return frozenset(c.value for c in Capability if role_has(membership.role, c))


def navigation(request: HttpRequest) -> dict:
    """Context processor."""
    return {
        "nav_items": visible_items(request),
        "admin_tabs": admin_tabs(request),
        "capabilities": capabilities(request),
    }
