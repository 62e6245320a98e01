"""Reading facts back for the views: events with their grounded roles, as of a date.

Every view asks the same things of the store — which entities a name means (merges
included), which events name them in a role, what those events say — so the queries
live here, in SQLAlchemy Core, and work on SQLite and PostgreSQL alike. A fact is
*visible* as of a date when the document reporting it was published on or before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, func, select

from racecard.store import read
from racecard.store.schema import documents, entities, entity_links, events, evidence, roles

__all__ = [
    "Fact",
    "Names",
    "Source",
    "facts_for",
    "linked",
    "members_of",
    "sources_of",
    "visible",
]


@dataclass(frozen=True, slots=True)
class Fact:
    """One event as one document reports it, with its roles grounded to canonical names."""

    id: int
    key: str
    type: str
    status: str
    date: str | None
    day: dt.date | None
    published: dt.date | None
    document_id: str
    fields: Mapping[str, Any] = field(compare=False)
    roles: Mapping[str, tuple[str, ...]] = field(compare=False)
    role_ids: Mapping[str, tuple[int, ...]] = field(compare=False)

    @property
    def when(self) -> dt.date | None:
        """The day it happened, else the day it was reported."""
        return self.day or self.published

    def one(self, role: str) -> str | None:
        """The first canonical name in a role, else the field's raw text."""
        names = self.roles.get(role)
        if names:
            return names[0]
        value = self.fields.get(role)
        if isinstance(value, list):
            return str(value[0]) if value else None
        return None if value in (None, "") else str(value)

    def text(self, name: str) -> str | None:
        value = self.fields.get(name)
        return None if value in (None, "") else str(value)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact was read: the document's metadata and the quote."""

    document_id: str
    title: str | None
    url: str | None
    published: dt.date | None
    quote: str | None


def visible(as_of: dt.date | None) -> ColumnElement[bool]:
    """The condition for an event to be known on ``as_of`` (everything when None)."""
    if as_of is None:
        return events.c.id.is_not(None)
    return func.coalesce(events.c.published, events.c.day) <= as_of


class Names:
    """Canonical (root) ids and names of entity ids, following merges, fetched in bulk."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self._rows: dict[int, tuple[str, int | None, str]] = {}

    def _load(self, ids: Iterable[int]) -> None:
        wanted = {i for i in ids if i not in self._rows}
        while wanted:
            listed = sorted(wanted)
            for i in range(0, len(listed), 500):
                query = select(entities.c.id, entities.c.name, entities.c.merged_into, entities.c.kind).where(
                    entities.c.id.in_(listed[i : i + 500])
                )
                for row in self.conn.execute(query):
                    self._rows[row.id] = (row.name, row.merged_into, row.kind)
            wanted = {m for _, m, _ in (self._rows[i] for i in listed if i in self._rows) if m is not None}
            wanted -= self._rows.keys()

    def root(self, entity_id: int) -> int:
        self._load([entity_id])
        seen = {entity_id}
        current = entity_id
        while True:
            row = self._rows.get(current)
            if row is None or row[1] is None or row[1] in seen:
                return current
            seen.add(row[1])
            self._load([row[1]])
            current = row[1]

    def name(self, entity_id: int) -> str:
        root = self.root(entity_id)
        row = self._rows.get(root)
        return row[0] if row else str(entity_id)

    def prime(self, ids: Iterable[int]) -> None:
        self._load(ids)


def members_of(conn: Connection, kind: str, name: str) -> tuple[str, tuple[int, ...]]:
    """The canonical name a name of this kind resolves to, and every entity id merged into it."""
    row = read.entity(conn, kind, name)
    return row.name, (row.id, *row.merged)


def linked(conn: Connection, relation: str, other_ids: Collection[int]) -> list[int]:
    """Entities linked to any of ``other_ids`` by ``relation`` (drugs of a target …)."""
    if not other_ids:
        return []
    query = select(entity_links.c.entity_id).where(
        entity_links.c.relation == relation, entity_links.c.other_id.in_(list(other_ids))
    )
    return sorted({r[0] for r in conn.execute(query)})


def facts_for(
    conn: Connection,
    *,
    entity_ids: Collection[int],
    roles_of: Collection[str] = ("drug",),
    types: Collection[str] | None = None,
    as_of: dt.date | None = None,
    since: dt.date | None = None,
    names: Names | None = None,
) -> list[Fact]:
    """Events naming any of ``entity_ids`` in one of the roles ``roles_of``, as of a date."""
    if not entity_ids:
        return []
    cond = [roles.c.entity_id.in_(sorted(set(entity_ids))), roles.c.role.in_(list(roles_of)), visible(as_of)]
    if types is not None:
        cond.append(events.c.type.in_(list(types)))
    if since is not None:
        cond.append(func.coalesce(events.c.published, events.c.day) > since)
    ids = select(roles.c.event_id).join(events, events.c.id == roles.c.event_id).where(and_(*cond))
    return _facts(conn, ids, names or Names(conn))


def facts_where(
    conn: Connection, condition: ColumnElement[bool], *, as_of: dt.date | None = None, names: Names | None = None
) -> list[Fact]:
    """Events matching a condition on the events table, as of a date."""
    ids = select(events.c.id).where(condition, visible(as_of))
    return _facts(conn, ids, names or Names(conn))


def _facts(conn: Connection, ids: Any, names: Names) -> list[Fact]:
    ids = ids.subquery()
    rows = list(conn.execute(select(events).where(events.c.id.in_(select(ids.c[0])))))
    if not rows:
        return []
    role_rows = list(
        conn.execute(
            select(roles.c.event_id, roles.c.role, roles.c.entity_id, roles.c.value)
            .where(roles.c.event_id.in_(select(ids.c[0])))
            .order_by(roles.c.id)
        )
    )
    names.prime(r.entity_id for r in role_rows if r.entity_id is not None)
    by_event: dict[int, dict[str, list[tuple[int | None, str]]]] = {}
    for r in role_rows:
        if r.entity_id is None:
            by_event.setdefault(r.event_id, {}).setdefault(r.role, []).append((None, r.value))
        else:
            root = names.root(r.entity_id)
            by_event.setdefault(r.event_id, {}).setdefault(r.role, []).append((root, names.name(root)))
    out = []
    for e in rows:
        grouped = by_event.get(e.id, {})
        out.append(
            Fact(
                e.id,
                e.key,
                e.type,
                e.status,
                e.date,
                e.day,
                e.published,
                e.document_id,
                e.fields or {},
                {role: tuple(dict.fromkeys(n for _, n in vals)) for role, vals in grouped.items()},
                {role: tuple(i for i, _ in vals if i is not None) for role, vals in grouped.items()},
            )
        )
    out.sort(key=lambda f: (f.when or dt.date.max, f.published or dt.date.max, f.id))
    return out


def sources_of(conn: Connection, event_ids: Collection[int]) -> dict[int, Source]:
    """The document and primary quote of each event."""
    out: dict[int, Source] = {}
    listed = sorted(set(event_ids))
    for i in range(0, len(listed), 500):
        chunk = listed[i : i + 500]
        query = (
            select(
                events.c.id,
                documents.c.id.label("doc"),
                documents.c.title,
                documents.c.url,
                documents.c.published,
            )
            .join(documents, documents.c.id == events.c.document_id)
            .where(events.c.id.in_(chunk))
        )
        for r in conn.execute(query):
            out[r.id] = Source(r.doc, r.title, r.url, r.published, None)
        quotes = select(evidence.c.event_id, evidence.c.quote, evidence.c.primary).where(
            evidence.c.event_id.in_(chunk)
        )
        primary: set[int] = set()
        for q in conn.execute(quotes.order_by(evidence.c.id)):
            known = out.get(q.event_id)
            if known is None or q.event_id in primary or (known.quote is not None and not q.primary):
                continue
            out[q.event_id] = Source(known.document_id, known.title, known.url, known.published, q.quote)
            if q.primary:
                primary.add(q.event_id)
    return out
