"""An export's own writes wait out a busy SQLite database instead of failing the export.

On the embedded default (SQLite in WAL mode) readers never block a writer, but only one
connection writes at a time: a worker rebuilding rollups or a burst of residents' answers
can hold the write lock longer than the connection's busy timeout, and the next write of
the export (claiming the job, a progress step, the finished file) then fails with
"database is locked". Those writes are single statements in autocommit, so trying them
again after a pause is safe; a write inside a transaction is never repeated here (the
transaction as a whole would have to be). PostgreSQL never answers this way, so there a
call simply runs once.
"""

import logging
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError, connection

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Six tries, waiting 0.2, 0.4 … 3.2 s between them (6.2 s in all), each try also waiting
# up to the connection's busy timeout (30 s in the settings).
ATTEMPTS = 6
FIRST_PAUSE = 0.2


def is_locked(error: BaseException) -> bool:
    """SQLite's answer when another connection holds the write lock too long."""
    text = str(error).lower()
    return isinstance(error, OperationalError) and (
        "database is locked" in text or "database table is locked" in text
    )


def when_unlocked(
    call: Callable[[], T], *, attempts: int = ATTEMPTS, pause: float = FIRST_PAUSE
) -> T:
    """`call()`, tried again after a growing pause while the database is locked."""
    for attempt in range(1, attempts + 1):
        try:
            return call()
        except OperationalError as error:
            if not is_locked(error) or connection.in_atomic_block or attempt == attempts:
                raise
            wait = pause * 2 ** (attempt - 1)
            logger.warning(
                "database is locked; export write %s of %s again in %.1f s",
                attempt + 1,
                attempts,
                wait,
            )
            time.sleep(wait)
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises
