"""Reading the store back: documents, entities with their aliases, events with evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from racecard.errors import NotFoundError
from racecard.model import Document
from racecard.store.entities import norm, root_of
from racecard.store.schema import (
    aliases,
    document_bands,
    document_copies,
    documents,
    entities,
    events,
    evidence,
    metadata,
    roles,
)

__all__ = [
    "AliasRow",
    "EntityRow",
    "EventRow",
    "StoredDocument",
    "band_index",
    "candidates",
    "counts",
    "document",
    "documents_to_reread",
    "entity",
    "events_of",
    "hash_key",
    "stored_keys",
]


@dataclass(frozen=True, slots=True)
class StoredDocument:
    document: Document
    kind: str
    cluster: str
    origin: str | None
    extractor: str | None


@dataclass(frozen=True, slots=True)
class AliasRow:
    alias: str
    document_id: str | None
    start: int | None
    end: int | None
    how: str


@dataclass(frozen=True, slots=True)
class EntityRow:
    id: int
    kind: str
    name: str
    attributes: Mapping[str, Any]
    aliases: tuple[AliasRow, ...]
    merged: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class EventRow:
    id: int
    document_id: str
    key: str
    type: str
    status: str
    date: str | None
    day: dt.date | None
    published: dt.date | None
    fields: Mapping[str, Any]
    origin: str
    extractor: str
    roles: tuple[tuple[str, int | None, str], ...] = ()
    evidence: tuple[tuple[int, int, str, bool], ...] = field(default=())


def counts(conn: Connection) -> dict[str, int]:
    """Rows per table."""
    return {
        name: int(conn.execute(select(func.count()).select_from(t)).scalar_one()) for name, t in metadata.tables.items()
    }


def document(conn: Connection, document_id: str) -> StoredDocument:
    row = conn.execute(select(documents).where(documents.c.id == document_id)).first()
    if row is None:
        raise NotFoundError(f"no document with id {document_id!r}")
    doc = Document(
        text=row.text,
        id=row.id,
        url=row.url,
        title=row.title,
        published=row.published,
        source=row.source,
        fetched=row.fetched,
        hash=row.hash,
    )
    return StoredDocument(doc, row.kind, row.cluster, row.origin, row.extractor)


def hash_key(content_hash: str) -> int:
    """A content hash's first 64 bits, as a compact key for in-memory sets of stored documents."""
    return int(content_hash[:16], 16)


def stored_keys(conn: Connection, *, kinds: Sequence[str] = ()) -> tuple[set[int], set[str]]:
    """Every stored content hash (documents and their copies) as :func:`hash_key`, and the URLs
    of stored documents of ``kinds`` (records that are one document per URL)."""
    keys = {hash_key(h) for (h,) in conn.execute(select(documents.c.hash))}
    keys.update(hash_key(h) for (h,) in conn.execute(select(document_copies.c.hash)))
    urls: set[str] = set()
    if kinds:
        query = select(documents.c.url).where(documents.c.kind.in_(list(kinds)), documents.c.url.is_not(None))
        urls = {u for (u,) in conn.execute(query)}
    return keys, urls


def candidates(conn: Connection, bands: Sequence[int]) -> list[tuple[str, str, bytes]]:
    """Stored documents sharing a MinHash band with ``bands``: (id, cluster, signature)."""
    if not bands:
        return []
    hits: set[str] = set()
    rows = conn.execute(
        select(document_bands.c.document_id, document_bands.c.band, document_bands.c.bucket).where(
            document_bands.c.bucket.in_(list(set(bands)))
        )
    )
    hits = {r.document_id for r in rows if r.band < len(bands) and bands[r.band] == r.bucket}
    if not hits:
        return []
    query = select(documents.c.id, documents.c.cluster, documents.c.signature).where(documents.c.id.in_(hits))
    return [(r.id, r.cluster, r.signature) for r in conn.execute(query) if r.signature]


def band_index(
    conn: Connection, wanted: Sequence[Sequence[int]]
) -> dict[tuple[int, int], list[tuple[str, str, bytes]]]:
    """Stored documents sharing a MinHash band with any of ``wanted``: (band, bucket) → (id, cluster, signature)."""
    keys = {(i, b) for bands in wanted for i, b in enumerate(bands)}
    buckets = sorted({b for _, b in keys})
    hits: dict[str, list[tuple[int, int]]] = {}
    for n in range(0, len(buckets), 2000):
        query = select(document_bands.c.document_id, document_bands.c.band, document_bands.c.bucket).where(
            document_bands.c.bucket.in_(buckets[n : n + 2000])
        )
        for row in conn.execute(query):
            if (row.band, row.bucket) in keys:
                hits.setdefault(row.document_id, []).append((row.band, row.bucket))
    index: dict[tuple[int, int], list[tuple[str, str, bytes]]] = {}
    ids = list(hits)
    for n in range(0, len(ids), 500):
        query = select(documents.c.id, documents.c.cluster, documents.c.signature).where(
            documents.c.id.in_(ids[n : n + 500])
        )
        for row in conn.execute(query):
            if row.signature:
                for key in hits[row.id]:
                    index.setdefault(key, []).append((row.id, row.cluster, row.signature))
    return index


def entity(conn: Connection, kind: str, name: str) -> EntityRow:
    """The entity a name of this kind resolves to (through aliases and merges), with all its aliases."""
    found = conn.execute(
        select(aliases.c.entity_id)
        .where(aliases.c.kind == str(kind), aliases.c.norm == norm(name))
        .order_by(aliases.c.id)
    ).first()
    if found is None:
        raise NotFoundError(f"no {kind} known as {name!r}")
    root = root_of(conn, found[0])
    members = [root]
    frontier = [root]
    while frontier:  # every entity merged (directly or through others) into the root
        merged = [r[0] for r in conn.execute(select(entities.c.id).where(entities.c.merged_into.in_(frontier)))]
        members.extend(merged)
        frontier = merged
    row = conn.execute(select(entities).where(entities.c.id == root)).one()
    alias_rows = conn.execute(select(aliases).where(aliases.c.entity_id.in_(members)).order_by(aliases.c.id))
    return EntityRow(
        row.id,
        row.kind,
        row.name,
        row.attributes or {},
        tuple(AliasRow(a.alias, a.document_id, a.start, a.end, a.how) for a in alias_rows),
        tuple(members[1:]),
    )


def events_of(conn: Connection, document_id: str) -> list[EventRow]:
    """The events stored for one document, with roles and evidence."""
    out = []
    for e in conn.execute(select(events).where(events.c.document_id == document_id).order_by(events.c.id)):
        role_rows = tuple(
            (r.role, r.entity_id, r.value)
            for r in conn.execute(select(roles).where(roles.c.event_id == e.id).order_by(roles.c.id))
        )
        quotes = tuple(
            (q.start, q.end, q.quote, q.primary)
            for q in conn.execute(select(evidence).where(evidence.c.event_id == e.id).order_by(evidence.c.id))
        )
        out.append(
            EventRow(
                e.id,
                e.document_id,
                e.key,
                e.type,
                e.status,
                e.date,
                e.day,
                e.published,
                e.fields or {},
                e.origin,
                e.extractor,
                role_rows,
                quotes,
            )
        )
    return out


def documents_to_reread(conn: Connection, extractor: str, *, everything: bool = False) -> Iterator[str]:
    """Ids of stored documents read by another extractor (or all read ones), oldest first."""
    query = select(documents.c.id).where(documents.c.kind != "ctgov").order_by(documents.c.stored, documents.c.id)
    if not everything:
        query = query.where((documents.c.extractor.is_(None)) | (documents.c.extractor != extractor))
    for row in conn.execute(query):
        yield row.id
