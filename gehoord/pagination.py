"""Paging of staff lists.

`KeepFiltersWhenPaging` numbers pages (Django's paginator: a COUNT and an OFFSET), fine for
lists of thousands. `keyset_page` pages by a cursor instead: "Volgende" asks for the rows
after the last one shown, in one indexed range read, with no COUNT over everything and no
OFFSET that grows with the page. It serves lists of millions, such as responses.
"""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.views.generic.list import MultipleObjectMixin


class KeepFiltersWhenPaging(MultipleObjectMixin):
    """Adds `pagination_query`: the current filters without `page`, for page links."""

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(pagination_query=query.urlencode(), **kwargs)


# The cursor parameters: `na` (the rows after this one) and `voor` (the rows before it).
AFTER, BEFORE = "na", "voor"
_SEPARATOR = "_"


def encode_cursor(moment: datetime, pk: Any) -> str:
    """A row's place in the order as a URL value: its moment and id."""
    return f"{moment.isoformat()}{_SEPARATOR}{pk}"


def decode_cursor(value: str) -> tuple[datetime, uuid.UUID] | None:
    """(moment, id) of a cursor; None when it was edited or cut off (the list then starts
    at the top instead of failing)."""
    moment, _, pk = value.strip().rpartition(_SEPARATOR)
    try:
        parsed = datetime.fromisoformat(moment.replace(" ", "+"))
        return (parsed, uuid.UUID(pk)) if parsed.tzinfo is not None else None
    except ValueError:
        return None


@dataclass
class KeysetPage:
    """One page of a keyset-paged list, newest first."""

    rows: list[Model]
    next_query: str = ""  # the query string of "Volgende", "" on the last page
    previous_query: str = ""  # of "Vorige", "" on the first page
    is_first: bool = True
    first_query: str = ""  # the newest page with the same filters

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def __bool__(self) -> bool:
        return bool(self.rows)


def keyset_page(
    rows: QuerySet, query: QueryDict, *, size: int = 50, moment: str = "submitted_at"
) -> KeysetPage:
    """The page of `rows` (newest first by `moment`, then id) that the cursor in `query`
    asks for, plus the query strings of the pages beside it (other parameters kept).

    Two reads at most: the page itself (size + 1 rows, the extra one tells whether there is
    more), and on a page after the first, whether anything comes before it. The range
    condition is written so an index on (…filters, moment, id) is read from the cursor on.
    """
    after = decode_cursor(query.get(AFTER, ""))
    before = None if after else decode_cursor(query.get(BEFORE, ""))
    newest_first = rows.order_by(f"-{moment}", "-pk")
    if before is not None:
        at, pk = before
        # The rows just newer than the cursor, read oldest first, then turned around.
        newer = Q(**{f"{moment}__gte": at}) & (Q(**{f"{moment}__gt": at}) | Q(pk__gt=pk))
        chunk = list(rows.filter(newer).order_by(moment, "pk")[: size + 1])
        has_newer = len(chunk) > size
        page = list(reversed(chunk[:size]))
        has_older = bool(page)
        if len(page) < size:  # the cursor was near the top: show a full first page
            page, has_newer = list(newest_first[: size + 1]), False
            has_older = len(page) > size
            page = page[:size]
    else:
        selection = newest_first
        if after is not None:
            at, pk = after
            older = Q(**{f"{moment}__lte": at}) & (Q(**{f"{moment}__lt": at}) | Q(pk__lt=pk))
            selection = newest_first.filter(older)
        chunk = list(selection[: size + 1])
        has_older = len(chunk) > size
        page = chunk[:size]
        has_newer = after is not None and bool(page) and _exists_newer(rows, page[0], moment)
    return KeysetPage(
        rows=page,
        next_query=_link(query, AFTER, page[-1], moment) if has_older else "",
        previous_query=_link(query, BEFORE, page[0], moment) if has_newer else "",
        is_first=not has_newer,
        first_query=_without_cursor(query).urlencode(),
    )


def _exists_newer(rows: QuerySet, first: Model, moment: str) -> bool:
    at = getattr(first, moment)
    newer = Q(**{f"{moment}__gte": at}) & (Q(**{f"{moment}__gt": at}) | Q(pk__gt=first.pk))
    return rows.filter(newer).order_by().exists()


def _without_cursor(query: QueryDict) -> QueryDict:
    kept = query.copy()
    for old in (AFTER, BEFORE, "page"):
        kept.pop(old, None)
    return kept


def _link(query: QueryDict, name: str, row: Model, moment: str) -> str:
    linked = _without_cursor(query)
    linked[name] = encode_cursor(getattr(row, moment), row.pk)
    return linked.urlencode()


# API lists (the Dutch API Design Rules, pagination module): `offset` and `limit` in the
# query, and the neighbouring pages as RFC 8288 links in the `Link` header. A page asks one
# row more than it shows to know whether there is a next one, so no COUNT is needed.


def api_page(rows: QuerySet | list, offset: int, limit: int) -> tuple[list, bool]:
    """(the rows of this page, whether a next page exists)."""
    page = list(rows[offset : offset + limit + 1])
    return page[:limit], len(page) > limit


def link_header(request_url: str, query: QueryDict, offset: int, limit: int, has_next: bool) -> str:
    """`<…>; rel="self"`, `first`, `prev` and `next` for a list at `request_url`."""

    def link(rel: str, at: int) -> str:
        params = query.copy()
        params["offset"], params["limit"] = str(at), str(limit)
        return f'<{request_url}?{params.urlencode()}>; rel="{rel}"'

    links = [link("self", offset), link("first", 0)]
    if offset > 0:
        links.append(link("prev", max(0, offset - limit)))
    if has_next:
        links.append(link("next", offset + limit))
    return ", ".join(links)


def paginate_api(request: HttpRequest, response: HttpResponse, rows, offset: int, limit: int):
    """The rows of one API page; the `Link` header of `response` points at its neighbours."""
    page, has_next = api_page(rows, offset, limit)
    response["Link"] = link_header(
        request.build_absolute_uri(request.path), request.GET, offset, limit, has_next
    )
    return page
