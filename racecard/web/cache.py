"""A cache of view results, emptied whenever the store changes.

Views are pure functions of the store and their arguments, and the store changes only
when something is ingested, re-read or reviewed, so a dashboard can keep their results.
Each lookup first asks the store for its *generation*: on SQLite ``PRAGMA data_version``
on a connection kept for that purpose (it moves whenever any other connection commits);
on other databases the newest event, review and document ids. When it has moved, the
cache is emptied. Our own writes (reviews) empty it too. ``RACECARD_WEB_CACHE=0`` turns
it off (the benchmark's cold run).
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import Engine, func, select

from racecard.store.schema import documents, events, reviews

__all__ = ["ENV", "ViewCache"]

ENV = "RACECARD_WEB_CACHE"
T = TypeVar("T")


class ViewCache:
    """Least-recently-used results of view calls, valid for one store generation."""

    def __init__(self, engine: Engine, size: int = 2048, *, enabled: bool | None = None) -> None:
        self.engine = engine
        self.size = size
        self.enabled = os.environ.get(ENV, "1") != "0" if enabled is None else enabled
        self._items: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._seen: Hashable = None
        self._probe: sqlite3.Connection | None = None
        database = engine.url.database
        if engine.url.get_backend_name() == "sqlite" and database and database != ":memory:":
            self._probe = sqlite3.connect(database, check_same_thread=False)

    def _generation(self) -> Hashable:
        if self._probe is not None:
            return int(self._probe.execute("PRAGMA data_version").fetchone()[0])
        query = select(select(func.max(events.c.id)).scalar_subquery(),
                       select(func.max(reviews.c.id)).scalar_subquery(),
                       select(func.count()).select_from(documents).scalar_subquery())
        with self.engine.connect() as conn:
            return tuple(conn.execute(query).one())

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached result for ``key``, else ``compute()`` (kept when it succeeds)."""
        if not self.enabled:
            return compute()
        with self._lock:
            generation = self._generation()
            if generation != self._seen:
                self._items.clear()
                self._seen = generation
            if key in self._items:
                self._items.move_to_end(key)
                found: T = self._items[key]
                return found
        value = compute()
        with self._lock:
            if self._generation() != generation or self._seen != generation:
                return value  # the store moved while we computed: do not keep what may be stale
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def close(self) -> None:
        if self._probe is not None:
            self._probe.close()
            self._probe = None
