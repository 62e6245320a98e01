"""The document page's data: the article, every mention and every fact with its evidence span.

The views have no document view, so this module reads one from the store (adapting,
not duplicating: facts are described with :func:`racecard.views.describe.describe`).
Each fact carries the analyst's latest review, if any.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from racecard.store import read
from racecard.store.schema import events, evidence, mentions, reviews
from racecard.views.describe import describe
from racecard.views.facts import Names, facts_where

__all__ = ["DocFact", "DocMention", "DocumentPage", "ReviewState", "document_page", "latest_reviews"]


@dataclass(frozen=True, slots=True)
class ReviewState:
    """The latest analyst decision on a fact."""

    action: str
    by: str
    at: dt.datetime
    fields: Mapping[str, Any] | None
    note: str | None


@dataclass(frozen=True, slots=True)
class DocMention:
    start: int
    end: int
    text: str
    kind: str
    name: str


@dataclass(frozen=True, slots=True)
class DocFact:
    id: int
    type: str
    status: str
    date: str | None
    summary: str
    drugs: tuple[str, ...]
    fields: Mapping[str, Any]
    start: int
    end: int
    quote: str
    review: ReviewState | None


@dataclass(frozen=True, slots=True)
class DocumentPage:
    id: str
    title: str | None
    url: str | None
    published: dt.date | None
    source: str | None
    kind: str
    extractor: str | None
    text: str
    mentions: tuple[DocMention, ...]
    facts: tuple[DocFact, ...]


def latest_reviews(conn: Connection, event_ids: Collection[int]) -> dict[int, ReviewState]:
    """The latest review of each event that has one."""
    out: dict[int, ReviewState] = {}
    listed = sorted(set(event_ids))
    for i in range(0, len(listed), 500):
        query = select(reviews).where(reviews.c.event_id.in_(listed[i : i + 500])).order_by(reviews.c.id)
        for r in conn.execute(query).all():
            out[r.event_id] = ReviewState(r.action, r.by, r.at, r.fields, r.note)
    return out


def document_page(conn: Connection, document_id: str) -> DocumentPage:
    """A stored document with its mentions and facts (NotFoundError when unknown)."""
    stored = read.document(conn, document_id)
    doc = stored.document
    names = Names(conn)
    rows = conn.execute(
        select(mentions.c.start, mentions.c.end, mentions.c.text, mentions.c.kind, mentions.c.entity_id)
        .where(mentions.c.document_id == doc.id)
        .order_by(mentions.c.start, mentions.c.end)
    ).all()
    names.prime(r.entity_id for r in rows)
    found = tuple(DocMention(r.start, r.end, r.text, r.kind, names.name(r.entity_id)) for r in rows
                  if 0 <= r.start < r.end <= len(doc.text))
    facts = facts_where(conn, events.c.document_id == doc.id, names=names, with_rejected=True)
    spans: dict[int, tuple[int, int, str]] = {}
    quotes = select(evidence.c.event_id, evidence.c.start, evidence.c.end, evidence.c.quote, evidence.c.primary).where(
        evidence.c.event_id.in_([f.id for f in facts]), evidence.c.document_id == doc.id
    )
    for q in conn.execute(quotes.order_by(evidence.c.primary.desc(), evidence.c.id)).all():
        spans.setdefault(q.event_id, (q.start, q.end, q.quote))
    decided = latest_reviews(conn, [f.id for f in facts])
    out = []
    for f in facts:
        start, end, quote = spans.get(f.id, (0, 0, ""))
        if not 0 <= start <= end <= len(doc.text):
            start = end = 0
        out.append(DocFact(f.id, f.type, f.status, f.date, describe(f), f.roles.get("drug", ()), dict(f.fields),
                           start, end, quote, decided.get(f.id)))
    out.sort(key=lambda x: (x.start, x.id))
    return DocumentPage(doc.id, doc.title, doc.url, doc.published, doc.source, stored.kind, stored.extractor,
                        doc.text, found, tuple(out))
