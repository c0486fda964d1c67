"""The register's full names for masking, kept per organisation in Django's cache.

Masking free text needs every full name in an organisation's register; reading and
normalising them on every page is the cost this saves. The names live in the "shared" cache
(Redis when there is one, else a database table; never process memory), so every web
process and worker sees the same entry, next to a random
*version* per organisation. Every ORM write of a contact replaces that version (a save or
delete through the signals below, a bulk create/update or queryset update through
`ContactQuerySet`), so an entry made before the write no longer matches and the names are
read again: a new name is never missing, and an erased name is dropped from the cache.

The version is replaced after the commit (once per organisation per transaction, so a
large import does not write the cache for every row): other processes cannot see the new
rows before then, and an entry one of them filled from the old rows meanwhile carries the
old version. Until the commit, reads in the writing transaction itself skip the cache and
read the register. Writes outside the ORM (raw SQL, restoring a backup) do not pass here:
clear the shared cache after them; entries also expire after `TIMEOUT`.
"""

from collections.abc import Callable, Iterable
from typing import Any
from uuid import uuid4

from django.core.cache import BaseCache, caches
from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

SHARED_CACHE = "shared"  # settings.CACHES: Redis or a database table, one for all processes
TIMEOUT = 60 * 60  # seconds
_NAMES = "contacts:masking-names:{}"
_VERSION = "contacts:masking-names-version:{}"


def _store() -> BaseCache:
    return caches[SHARED_CACHE]


def cached_names(organisation_id: int, read: Callable[[], frozenset[str]]) -> frozenset[str]:
    """The organisation's names from the cache while no contact was written since they
    were stored; otherwise `read()` (and stored for the next page)."""
    if _pending(transaction.get_connection(), organisation_id):
        return read()  # this transaction wrote the register: its names are not shared yet
    store = _store()
    version_key, names_key = _VERSION.format(organisation_id), _NAMES.format(organisation_id)
    found = store.get_many([version_key, names_key])
    version = found.get(version_key)
    if version is None:
        store.add(version_key, uuid4().hex, timeout=None)
        version = store.get(version_key)
        if version is None:  # a store that keeps nothing: always read
            return read()
    entry = found.get(names_key)
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == version:
        return entry[1]
    # The version is taken before the rows are read: an entry can hold newer rows than its
    # version, never older ones.
    names = read()
    store.set(names_key, (version, names), TIMEOUT)
    return names


def _replace_version(organisation_ids: Iterable[int]) -> None:
    ids = {pk for pk in organisation_ids if pk is not None}
    if not ids:
        return
    store = _store()
    store.set_many({_VERSION.format(pk): uuid4().hex for pk in ids}, timeout=None)
    store.delete_many([_NAMES.format(pk) for pk in ids])


class _Bump:
    """After the commit: replace one organisation's version (queued once per transaction)."""

    def __init__(self, organisation_id: int) -> None:
        self.organisation_id = organisation_id
        self.done = False

    def __call__(self) -> None:
        self.done = True
        _replace_version([self.organisation_id])


def _pending(connection: BaseDatabaseWrapper, organisation_id: int) -> bool:
    """Whether the open transaction wrote contacts of the organisation (its bump waits for
    the commit). A rolled-back savepoint takes its queued callbacks along."""
    if not connection.in_atomic_block:
        return False
    # Each entry is (savepoint ids, callback, robust); the callback is the second.
    callbacks = (entry[1] for entry in connection.run_on_commit)
    return any(
        isinstance(callback, _Bump)
        and not callback.done
        and callback.organisation_id == organisation_id
        for callback in callbacks
    )


def names_changed(organisation_ids: Iterable[int]) -> None:
    """Contacts of these organisations were written: their cached names are stale."""
    connection = transaction.get_connection()
    for organisation_id in {pk for pk in organisation_ids if pk is not None}:
        if not _pending(connection, organisation_id):
            # Outside a transaction this runs at once (the write is committed already).
            transaction.on_commit(_Bump(organisation_id))


def contact_saved(sender: type, instance: Any, **kwargs: Any) -> None:
    """post_save receiver: a save that may change a name (every save but one limited to
    other fields) marks the organisation's names as changed."""
    update_fields = kwargs.get("update_fields")
    if update_fields is not None and "name" not in update_fields:
        return
    names_changed([instance.organisation_id])


def contact_deleted(sender: type, instance: Any, **kwargs: Any) -> None:
    """post_delete receiver (an erasure, a purge, a deleted organisation)."""
    names_changed([instance.organisation_id])
