"""Entities across documents: resolving names and aliases, merging and undoing merges.

A name is looked up among every alias ever learned for its kind, so an alias learned in
one article ("IBI351 (fulzerasib)") grounds the code in every later article. When an
alias learned for one entity is the very name of another entity of the same kind (the
code was stored on its own before), the code's entity is merged into the named one;
the merge is recorded in ``merges`` and :func:`undo_merge` takes it back, after which
the pair is never merged again automatically. Merges only set ``merged_into``; rows
that point at the merged entity stay as they are, so undoing loses nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, and_, insert, select, tuple_, update

from racecard.errors import NotFoundError, StoreError
from racecard.model import EntityKind
from racecard.store.schema import aliases, entities, merges

__all__ = ["MERGEABLE", "Resolver", "merge_entities", "norm", "root_of", "undo_merge"]

# Kinds whose entities merge automatically when an alias names another entity. Indications
# and territories are left out: their short forms ("AD", "EU") are too often ambiguous.
MERGEABLE = frozenset({EntityKind.DRUG, EntityKind.COMPANY, EntityKind.TARGET, EntityKind.TRIAL})
MACHINE = "racecard"


def new_id(result: Any) -> int:
    """The primary key of the row an INSERT just made."""
    key = result.inserted_primary_key
    if key is None:
        raise StoreError("the database returned no id for a new row")
    return int(key[0])


def norm(name: str) -> str:
    """The form aliases are matched in: case-folded, whitespace collapsed."""
    return " ".join(name.casefold().split())


def _now() -> datetime:
    return datetime.now(UTC)


def root_of(conn: Connection, entity_id: int) -> int:
    """The entity that ``entity_id`` has been merged into (itself if none), following chains."""
    seen = {entity_id}
    current = entity_id
    while True:
        nxt = conn.execute(select(entities.c.merged_into).where(entities.c.id == current)).scalar()
        if nxt is None:
            return current
        if nxt in seen:
            raise StoreError(f"entity {entity_id}: merge cycle through {sorted(seen)}")
        seen.add(nxt)
        current = nxt


def merge_entities(
    conn: Connection, source_id: int, target_id: int, *, by: str, reason: str, document_id: str | None = None
) -> int:
    """Merge entity ``source_id`` into ``target_id`` (same kind); returns the merge's id."""
    rows = {r.id: r for r in conn.execute(select(entities).where(entities.c.id.in_([source_id, target_id])))}
    for wanted in (source_id, target_id):
        if wanted not in rows:
            raise NotFoundError(f"no entity with id {wanted}")
    if rows[source_id].kind != rows[target_id].kind:
        raise StoreError(
            f"cannot merge {rows[source_id].kind} {rows[source_id].name!r} into "
            f"{rows[target_id].kind} {rows[target_id].name!r}: kinds differ"
        )
    source_root, target_root = root_of(conn, source_id), root_of(conn, target_id)
    if source_root == target_root:
        raise StoreError(f"entities {source_id} and {target_id} are already one entity ({target_root})")
    conn.execute(update(entities).where(entities.c.id == source_root).values(merged_into=target_root))
    result = conn.execute(
        insert(merges).values(
            source_id=source_root,
            target_id=target_root,
            reason=reason,
            document_id=document_id,
            by=by,
            at=_now(),
        )
    )
    return new_id(result)


def undo_merge(conn: Connection, merge_id: int, *, by: str) -> None:
    """Take back a recorded merge: the merged entity stands on its own again."""
    row = conn.execute(select(merges).where(merges.c.id == merge_id)).first()
    if row is None:
        raise NotFoundError(f"no merge with id {merge_id}")
    if row.undone_at is not None:
        raise StoreError(f"merge {merge_id} was already undone on {row.undone_at:%Y-%m-%d} by {row.undone_by}")
    conn.execute(
        update(entities)
        .where(and_(entities.c.id == row.source_id, entities.c.merged_into == row.target_id))
        .values(merged_into=None)
    )
    conn.execute(update(merges).where(merges.c.id == merge_id).values(undone_at=_now(), undone_by=by))


class Resolver:
    """Finds or creates entities and learns aliases, with caches for one writing process.

    New aliases are queued and written by :meth:`flush` (the writer calls it at the end of
    each batch). Call :meth:`forget` after a rolled-back transaction: the caches may name
    rows that were never committed.
    """

    def __init__(self) -> None:
        self._alias: dict[tuple[str, str], int] = {}
        self._names: dict[int, tuple[str, str]] = {}
        self._roots: dict[int, int] = {}
        self._undone: set[tuple[int, int]] | None = None
        self._pending: list[dict[str, Any]] = []

    def forget(self) -> None:
        self._alias, self._names, self._roots, self._undone, self._pending = {}, {}, {}, None, []

    def prefetch(self, conn: Connection, keys: Iterable[tuple[str, str]]) -> None:
        """Load the aliases for many (kind, name) pairs in one query."""
        wanted = {(kind, norm(name)) for kind, name in keys} - self._alias.keys()
        if not wanted:
            return
        listed = list(wanted)
        for i in range(0, len(listed), 400):
            chunk = listed[i : i + 400]
            query = (
                select(aliases.c.kind, aliases.c.norm, aliases.c.entity_id)
                .where(tuple_(aliases.c.kind, aliases.c.norm).in_(chunk))
                .order_by(aliases.c.id.desc())
            )
            for row in conn.execute(query):
                self._alias[(row.kind, row.norm)] = row.entity_id  # the earliest alias wins

    def lookup(self, conn: Connection, kind: str, name: str) -> int | None:
        """The (root) entity a name of this kind is known as, or None."""
        key = (str(kind), norm(name))
        found = self._alias.get(key)
        if found is None:
            found = conn.execute(
                select(aliases.c.entity_id)
                .where(aliases.c.kind == key[0], aliases.c.norm == key[1])
                .order_by(aliases.c.id)
                .limit(1)
            ).scalar()
            if found is None:
                return None
            self._alias[key] = found
        return self.root(conn, found)

    def root(self, conn: Connection, entity_id: int) -> int:
        cached = self._roots.get(entity_id)
        if cached is None:
            cached = self._roots[entity_id] = root_of(conn, entity_id)
        return cached

    def name(self, conn: Connection, entity_id: int) -> str:
        if entity_id not in self._names:
            row = conn.execute(select(entities.c.kind, entities.c.name).where(entities.c.id == entity_id)).one()
            self._names[entity_id] = (row.kind, row.name)
        return self._names[entity_id][1]

    def entity(
        self,
        conn: Connection,
        kind: str,
        name: str,
        *,
        document_id: str | None,
        attributes: Mapping[str, Any] | None = None,
        how: str = "name",
    ) -> int:
        """The root entity for ``name``, created (with its name as first alias) if unknown."""
        found = self.lookup(conn, kind, name)
        if found is not None:
            return found
        existing = conn.execute(
            select(entities.c.id).where(entities.c.kind == str(kind), entities.c.name == name)
        ).scalar()
        if existing is None:
            existing = new_id(
                conn.execute(
                    insert(entities).values(
                        kind=str(kind), name=name, attributes=dict(attributes or {}), created=_now()
                    )
                )
            )
        self._names[existing] = (str(kind), name)
        self._add_alias(conn, existing, kind, name, document_id, None, None, how)
        return self.root(conn, existing)

    def learn(
        self,
        conn: Connection,
        entity_id: int,
        kind: str,
        alias: str,
        *,
        document_id: str | None,
        start: int | None = None,
        end: int | None = None,
        how: str,
    ) -> None:
        """Record that ``alias`` names ``entity_id``; merge a code entity named by it."""
        if not alias.strip():
            return
        known = self.lookup(conn, kind, alias)
        if known is None:
            self._add_alias(conn, entity_id, kind, alias, document_id, start, end, how)
            return
        mine = self.root(conn, entity_id)
        if known == mine or EntityKind(kind) not in MERGEABLE:
            return
        if norm(self.name(conn, known)) != norm(alias) or (known, mine) in self._undone_pairs(conn):
            return  # an alias shared by two differently named entities: ambiguous, leave both
        merge_entities(
            conn, known, mine, by=MACHINE, reason=f"alias {alias!r} learned ({how})", document_id=document_id
        )
        self._roots = {}

    def _undone_pairs(self, conn: Connection) -> set[tuple[int, int]]:
        if self._undone is None:
            rows = conn.execute(select(merges.c.source_id, merges.c.target_id).where(merges.c.undone_at.is_not(None)))
            self._undone = {(r.source_id, r.target_id) for r in rows}
        return self._undone

    def _add_alias(
        self,
        conn: Connection,
        entity_id: int,
        kind: str,
        alias: str,
        document_id: str | None,
        start: int | None,
        end: int | None,
        how: str,
    ) -> None:
        key = (str(kind), norm(alias))
        self._pending.append(
            {
                "entity_id": entity_id,
                "kind": key[0],
                "alias": alias,
                "norm": key[1],
                "document_id": document_id,
                "start": start,
                "end": end,
                "how": how,
                "created": _now(),
            }
        )
        self._alias.setdefault(key, entity_id)

    def flush(self, conn: Connection) -> None:
        """Write the aliases learned since the last flush (one statement); call before commit."""
        if self._pending:
            conn.execute(insert(aliases), self._pending)
            self._pending = []
