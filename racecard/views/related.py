"""Related stories: the documents sharing the most entities and facts with one document.

The publisher's "More from …" list, done from facts: each other document scores the
rarity-weighted entities it shares (an entity named in few documents counts more:
log(1 + N / df)) plus ``FACT_WEIGHT`` for each fact both report. Copies of the same
story (same cluster) are left out.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlalchemy import Connection, distinct, func, select

from racecard.errors import InputError, NotFoundError
from racecard.store.schema import documents, events, mentions, roles
from racecard.views.facts import Names

__all__ = ["FACT_WEIGHT", "RelatedStories", "RelatedStory", "related"]

FACT_WEIGHT = 3.0  # one shared fact counts as much as three rare shared entities


@dataclass(frozen=True, slots=True)
class RelatedStory:
    document_id: str
    title: str | None
    url: str | None
    published: dt.date | None
    score: float
    shared_entities: tuple[str, ...]
    shared_facts: int


@dataclass(frozen=True, slots=True)
class RelatedStories:
    document_id: str
    title: str | None
    as_of: dt.date | None
    stories: tuple[RelatedStory, ...]


def _pairs(conn: Connection, entity_ids: list[int] | None, document_id: str | None) -> set[tuple[str, int]]:
    """(document, entity) pairs from mentions and from event roles."""
    m = select(mentions.c.document_id, mentions.c.entity_id)
    r = select(events.c.document_id, roles.c.entity_id).join(events, events.c.id == roles.c.event_id).where(
        roles.c.entity_id.is_not(None)
    )
    if document_id is not None:
        m, r = m.where(mentions.c.document_id == document_id), r.where(events.c.document_id == document_id)
    if entity_ids is not None:
        m, r = m.where(mentions.c.entity_id.in_(entity_ids)), r.where(roles.c.entity_id.in_(entity_ids))
    return {(row[0], row[1]) for q in (m.distinct(), r.distinct()) for row in conn.execute(q).all()}


def related(*, conn: Connection, document: str, limit: int = 10, as_of: dt.date | None = None) -> RelatedStories:
    """The ``limit`` stories most related to ``document`` (an id or a URL), as of a date."""
    if limit < 1:
        raise InputError(f"limit must be at least 1, not {limit}")
    doc = conn.execute(
        select(documents.c.id, documents.c.title, documents.c.cluster).where(
            (documents.c.id == document) | (documents.c.url == document)
        )
    ).first()
    if doc is None:
        raise NotFoundError(f"no stored document with id or URL {document!r}")
    names = Names(conn)
    own = _pairs(conn, None, doc.id)
    ids = sorted({e for _, e in own})
    names.prime(ids)
    mine = {names.root(e) for e in ids}
    keys = [k for (k,) in conn.execute(select(events.c.key).where(events.c.document_id == doc.id).distinct())]
    total = int(conn.execute(select(func.count()).select_from(documents)).scalar_one())
    shared: dict[str, set[int]] = {}
    df: dict[int, int] = {}  # documents naming each entity (in the text or in a fact), this one included
    for other, entity in _pairs(conn, ids, None) if ids else set():
        root = names.root(entity)
        shared.setdefault(other, set()).add(root)
    for entities_named in shared.values():
        for root in entities_named:
            df[root] = df.get(root, 0) + 1
    shared.pop(doc.id, None)
    facts: dict[str, int] = {}
    if keys:
        query = (
            select(events.c.document_id, func.count(distinct(events.c.key)))
            .where(events.c.key.in_(keys), events.c.document_id != doc.id)
            .group_by(events.c.document_id)
        )
        facts = {row[0]: int(row[1]) for row in conn.execute(query).all()}
    candidates = sorted(set(shared) | set(facts))
    meta = {}
    for i in range(0, len(candidates), 500):
        query = select(documents.c.id, documents.c.title, documents.c.url, documents.c.published,
                       documents.c.cluster).where(documents.c.id.in_(candidates[i : i + 500]))
        meta.update({row.id: row for row in conn.execute(query).all()})
    weight = {root: math.log(1 + total / max(1, df.get(root, 1))) for root in mine}
    stories = []
    for other in candidates:
        row = meta.get(other)
        if row is None or row.cluster == doc.cluster:
            continue
        if as_of is not None and (row.published is None or row.published > as_of):
            continue
        common = shared.get(other, set()) & mine
        score = sum(weight.get(e, 0.0) for e in common) + FACT_WEIGHT * facts.get(other, 0)
        if score <= 0:
            continue
        labels = tuple(names.name(e) for e in sorted(common, key=lambda e: (-weight.get(e, 0.0), names.name(e))))
        stories.append(RelatedStory(other, row.title, row.url, row.published, round(score, 3), labels,
                                    facts.get(other, 0)))
    stories.sort(key=lambda s: (-s.score, -(s.published or dt.date.min).toordinal(), s.document_id))
    return RelatedStories(doc.id, doc.title, as_of, tuple(stories[:limit]))
