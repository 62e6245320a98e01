"""Writing documents and what was read from them, in batches inside one transaction.

A :class:`DocumentRecord` is one document ready to store: the document, where it came
from, its sections and MinHash bands, and the :class:`~racecard.model.Reading` of it.
:class:`Writer` stores records (:meth:`Writer.add`) and replaces the machine facts of a
stored document with a new reading (:meth:`Writer.replace_reading`), never touching an
event an analyst has reviewed.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, insert, select, update
from sqlalchemy import text as sql_text

from racecard.model import Document, EntityKind, Event, Evidence, Reading
from racecard.store.entities import Resolver, norm
from racecard.store.schema import (
    document_bands,
    document_copies,
    documents,
    entity_links,
    events,
    evidence,
    mentions,
    reviews,
    roles,
    sections,
)

__all__ = ["ROLE_KINDS", "DocumentRecord", "Writer", "bulk_insert", "event_key", "first_day"]

# Event fields that name entities, and the kinds to ground them as (first known wins).
ROLE_KINDS: Mapping[str, tuple[EntityKind, ...]] = {
    "drug": (EntityKind.DRUG,),
    "licensor": (EntityKind.COMPANY,),
    "licensee": (EntityKind.COMPANY,),
    "acquirer": (EntityKind.COMPANY,),
    "acquired": (EntityKind.COMPANY, EntityKind.DRUG),
    "from": (EntityKind.COMPANY,),
    "to": (EntityKind.COMPANY,),
    "company": (EntityKind.COMPANY,),
    "sponsor": (EntityKind.COMPANY,),
    "trial": (EntityKind.TRIAL,),
    "indication": (EntityKind.INDICATION,),
    "agency": (EntityKind.AGENCY,),
    "territory": (EntityKind.TERRITORY,),
    "target": (EntityKind.TARGET,),
}
# Entity attributes that name other entities: stored as entity_links for race boards.
LINK_KINDS: Mapping[str, tuple[str, EntityKind]] = {
    "targets": ("target", EntityKind.TARGET),
    "target": ("target", EntityKind.TARGET),
    "originator": ("originator", EntityKind.COMPANY),
    "owner": ("owner", EntityKind.COMPANY),
    "sponsor": ("sponsor", EntityKind.COMPANY),
    "drugs": ("drug", EntityKind.DRUG),
    "interventions": ("drug", EntityKind.DRUG),
    "conditions": ("indication", EntityKind.INDICATION),
    "countries": ("territory", EntityKind.TERRITORY),
}
_PERIOD = re.compile(r"^(\d{4})(?:-(?:(\d{2})(?:-(\d{2}))?|Q([1-4])|H([12])))?$")


@dataclass(frozen=True, slots=True)
class DocumentRecord:
    """One document ready to store, with where it came from and what was read from it."""

    document: Document
    kind: str
    origin: str | None = None
    sections: tuple[tuple[str, int, int], ...] = ()
    reading: Reading | None = None
    extractor: str | None = None
    signature: bytes | None = None
    bands: tuple[int, ...] = ()
    cluster: str | None = None


def first_day(value: str | None) -> date | None:
    """The first day of an ISO date or period (``2026``, ``2026-03``, ``2026-Q3``, ``2026-H2``)."""
    match = _PERIOD.match(value.strip()) if value else None
    if match is None:
        return None
    year, month, day, quarter, half = match.groups()
    if quarter:
        month = str(3 * int(quarter) - 2)
    elif half:
        month = "1" if half == "1" else "7"
    try:
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None


def _plain(value: Any) -> Any:
    """A JSON-ready copy of an event field value."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    return str(value)


def _values(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v not in (None, "")]
    return [] if value in (None, "") else [str(value)]


def bulk_insert(conn: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert many rows, all with the same keys, of values the driver adapts by itself
    (str, int, float, bool, date, datetime, None; JSON columns as already-dumped text).

    The rows go straight to the driver in this transaction, skipping SQLAlchemy's per-row
    parameter processing: ``executemany`` on SQLite, ``COPY … FROM STDIN`` on PostgreSQL.
    """
    if not rows:
        return
    names = list(rows[0])
    columns = ", ".join('"' + n + '"' for n in names)
    values = [tuple(row[n] for n in names) for row in rows]
    driver: Any = conn.connection.driver_connection
    cursor = driver.cursor()
    try:
        if conn.dialect.name == "postgresql":
            with cursor.copy(f"COPY {table.name} ({columns}) FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
        else:
            cursor.executemany(f"INSERT INTO {table.name} ({columns}) VALUES ({', '.join('?' * len(names))})", values)
    finally:
        cursor.close()


def event_key(type_: str, status: str, grounded: Iterable[tuple[str, str]]) -> str:
    """The identity of a fact: its type, status and grounded arguments (not its date or terms)."""
    payload = json.dumps([type_, status, sorted(set(grounded))], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32]


def _now() -> datetime:
    return datetime.now(UTC)


class Writer:
    """Stores records on one connection; keep one per writing process (it caches entities)."""

    def __init__(self, resolver: Resolver | None = None) -> None:
        self.resolver = resolver or Resolver()
        self._links: set[tuple[int, str, int]] = set()

    def forget(self) -> None:
        """Drop the caches: call after a rolled-back transaction."""
        self.resolver.forget()
        self._links = set()

    def add(self, conn: Connection, records: Sequence[DocumentRecord]) -> None:
        """Store new documents with their readings (the caller has ruled out duplicates)."""
        if not records:
            return
        now = _now()
        conn.execute(
            insert(documents),
            [
                {
                    "id": r.document.id,
                    "hash": r.document.hash,
                    "kind": r.kind,
                    "origin": r.origin,
                    "url": r.document.url,
                    "title": r.document.title,
                    "source": r.document.source,
                    "published": r.document.published,
                    "fetched": r.document.fetched,
                    "stored": now,
                    "text": r.document.text,
                    "cluster": r.cluster or r.document.id,
                    "signature": r.signature or None,
                    "extractor": r.extractor if r.reading is not None else None,
                    "read_at": now if r.reading is not None else None,
                }
                for r in records
            ],
        )
        bands = [{"document_id": r.document.id, "band": i, "bucket": b} for r in records for i, b in enumerate(r.bands)]
        if bands:
            bulk_insert(conn, document_bands, bands)
        parts = [
            {"document_id": r.document.id, "name": name, "start": start, "end": end}
            for r in records
            for name, start, end in r.sections
        ]
        if parts:
            conn.execute(insert(sections), parts)
        self._prefetch(conn, [r.reading for r in records if r.reading is not None])
        acc = _Rows()
        for r in records:
            if r.reading is not None:
                self._store_reading(conn, r.document, r.reading, r.extractor or "", acc, fresh=True)
        self.resolver.flush(conn)
        acc.write(conn)

    def add_copy(
        self, conn: Connection, document_id: str, doc: Document, origin: str | None, similarity: float
    ) -> None:
        """Record another copy (same or near-same text) of a stored document."""
        known = conn.execute(
            select(document_copies.c.id).where(
                document_copies.c.document_id == document_id, document_copies.c.hash == doc.hash
            )
        ).first()
        if known is None:
            conn.execute(
                insert(document_copies).values(
                    document_id=document_id,
                    hash=doc.hash,
                    origin=origin,
                    url=doc.url,
                    similarity=similarity,
                    seen=_now(),
                )
            )

    def replace_reading(self, conn: Connection, document: Document, reading: Reading, extractor: str) -> None:
        """Replace a stored document's machine facts with a new reading; reviewed events stay."""
        doc_id = document.id
        reviewed = select(reviews.c.event_id)
        stale = select(events.c.id).where(
            events.c.document_id == doc_id, events.c.origin == "machine", events.c.id.not_in(reviewed)
        )
        stale_ids = [row[0] for row in conn.execute(stale)]
        for i in range(0, len(stale_ids), 500):
            chunk = stale_ids[i : i + 500]
            conn.execute(delete(evidence).where(evidence.c.event_id.in_(chunk)))
            conn.execute(delete(roles).where(roles.c.event_id.in_(chunk)))
            conn.execute(delete(events).where(events.c.id.in_(chunk)))
        conn.execute(delete(mentions).where(mentions.c.document_id == doc_id))
        self._prefetch(conn, [reading])
        acc = _Rows()
        self._store_reading(conn, document, reading, extractor, acc, fresh=False)
        self.resolver.flush(conn)
        acc.write(conn)
        conn.execute(update(documents).where(documents.c.id == doc_id).values(extractor=extractor, read_at=_now()))

    # -- internals -------------------------------------------------------------------

    def _prefetch(self, conn: Connection, readings: Sequence[Reading]) -> None:
        keys: set[tuple[str, str]] = set()
        for reading in readings:
            keys.update((str(e.kind), e.name) for e in reading.entities)
            keys.update((str(m.kind), m.name) for m in reading.mentions)
            keys.update((str(m.kind), m.text) for m in reading.mentions)
        self.resolver.prefetch(conn, keys)

    def _store_reading(
        self, conn: Connection, doc: Document, reading: Reading, extractor: str, acc: _Rows, *, fresh: bool
    ) -> None:
        """Ground the reading's entities now (ids are needed); queue mentions and events in ``acc``."""
        res = self.resolver
        ids: dict[tuple[str, str], int] = {}
        links: list[tuple[int, str, EntityKind, str]] = []
        for ent in reading.entities:
            eid = res.lookup(conn, ent.kind, ent.name)  # attributes are converted only for a new entity
            if eid is None:
                eid = res.entity(conn, ent.kind, ent.name, document_id=doc.id, attributes=_plain(ent.attributes))
            ids[(str(ent.kind), ent.name)] = eid
            for alias in ent.aliases:
                res.learn(conn, eid, ent.kind, alias, document_id=doc.id, how="reading")
            for attr, value in ent.attributes.items():
                if attr in LINK_KINDS:
                    relation, kind = LINK_KINDS[attr]
                    links.extend((eid, relation, kind, v) for v in _values(value))
        learned: set[tuple[str, str]] = set()
        for m in reading.mentions:
            key = (str(m.kind), m.name)
            if key not in ids:
                ids[key] = res.entity(conn, m.kind, m.name, document_id=doc.id, how=m.how)
            if (key[0], m.text) not in learned:  # the first place a surface form occurs is where it is learned
                learned.add((key[0], m.text))
                res.learn(conn, ids[key], m.kind, m.text, document_id=doc.id, start=m.start, end=m.end, how=m.how)
            acc.mentions.append(
                {
                    "document_id": doc.id,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                    "kind": str(m.kind),
                    "entity_id": res.root(conn, ids[key]),
                    "how": m.how,
                    "score": m.score,
                }
            )
        self._store_links(conn, doc.id, links)
        kept: set[str] = set()
        if not fresh:
            kept = {row[0] for row in conn.execute(select(events.c.key).where(events.c.document_id == doc.id))}
        for ev in reading.events:
            self._queue_event(conn, doc, ev, extractor, kept, acc)

    def _store_links(self, conn: Connection, doc_id: str, links: list[tuple[int, str, EntityKind, str]]) -> None:
        res = self.resolver
        for eid, relation, kind, value in links:
            other = res.entity(conn, kind, value, document_id=doc_id, how="attribute")
            triple = (res.root(conn, eid), relation, other)
            if triple in self._links or triple[0] == other:
                continue
            self._links.add(triple)
            exists = conn.execute(
                select(entity_links.c.id).where(
                    entity_links.c.entity_id == triple[0],
                    entity_links.c.relation == relation,
                    entity_links.c.other_id == other,
                )
            ).first()
            if exists is None:
                conn.execute(
                    insert(entity_links).values(
                        entity_id=triple[0], relation=relation, other_id=other, document_id=doc_id
                    )
                )

    def _queue_event(
        self, conn: Connection, doc: Document, ev: Event, extractor: str, kept: set[str], acc: _Rows
    ) -> None:
        res = self.resolver
        role_rows: list[tuple[str, int | None, str]] = []
        grounded: list[tuple[str, str]] = []
        for name, value in ev.fields.items():
            kinds = ROLE_KINDS.get(name)
            if kinds is None:
                continue
            for text in _values(value):
                eid = next((e for k in kinds if (e := res.lookup(conn, k, text)) is not None), None)
                if eid is None and len(kinds) == 1:
                    eid = res.entity(conn, kinds[0], text, document_id=doc.id, how=f"event:{name}")
                role_rows.append((name, eid, text))
                grounded.append((name, res.name(conn, eid) if eid is not None else norm(text)))
        key = event_key(ev.type, str(ev.status), grounded)
        if key in kept:
            return  # the same fact already stored for this document (or kept by an analyst's review)
        kept.add(key)
        stated = str(ev.fields["date"]) if ev.fields.get("date") else None
        row = {
            "document_id": doc.id,
            "key": key,
            "type": ev.type,
            "status": str(ev.status),
            "date": stated,
            "day": first_day(stated),
            "published": doc.published,
            "fields": _plain(dict(ev.fields)),
            "extractor": extractor,
            "origin": "machine",
            "created": _now(),
        }
        quotes: list[tuple[Evidence, bool]] = [(ev.evidence, True)] if ev.evidence is not None else []
        quotes.extend((s, False) for s in ev.support)
        acc.events.append(
            (
                row,
                [{"role": r, "entity_id": e, "value": v} for r, e, v in role_rows],
                [
                    {
                        "document_id": doc.id,
                        "start": q.start,
                        "end": q.end,
                        "quote": q.quote,
                        "extractor": q.extractor or extractor,
                        "primary": primary,
                    }
                    for q, primary in quotes
                ],
            )
        )


@dataclass(slots=True)
class _Rows:
    """Rows queued for one batch, written with a handful of executemany statements."""

    mentions: list[dict[str, Any]] = field(default_factory=list)
    events: list[tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]] = field(default_factory=list)

    def write(self, conn: Connection) -> None:
        if self.mentions:
            bulk_insert(conn, mentions, self.mentions)
        if not self.events:
            return
        if conn.dialect.name == "postgresql":  # take ids from the sequence, then COPY the rows in
            serial = sql_text("SELECT nextval(pg_get_serial_sequence('events', 'id')) FROM generate_series(1, :n)")
            ids = [row[0] for row in conn.execute(serial, {"n": len(self.events)})]
            rows = [
                {**e[0], "id": i, "fields": json.dumps(e[0]["fields"])} for i, e in zip(ids, self.events, strict=True)
            ]
            bulk_insert(conn, events, rows)
        else:
            stmt = insert(events).returning(events.c.id, sort_by_parameter_order=True)
            ids = [row[0] for row in conn.execute(stmt, [e[0] for e in self.events])]
        role_rows = [{"event_id": i, **r} for i, (_, rs, _) in zip(ids, self.events, strict=True) for r in rs]
        quote_rows = [{"event_id": i, **q} for i, (_, _, qs) in zip(ids, self.events, strict=True) for q in qs]
        if role_rows:
            bulk_insert(conn, roles, role_rows)
        if quote_rows:
            bulk_insert(conn, evidence, quote_rows)
