"""The home page's data: the latest facts, and a search over assets, companies, targets and indications."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from racecard.errors import InputError
from racecard.store.entities import norm
from racecard.store.schema import aliases, documents, events
from racecard.views.describe import describe
from racecard.views.facts import Names, facts_where, sources_of

__all__ = ["SEARCH_KINDS", "Home", "LatestFact", "SearchHit", "SearchResults", "latest", "search"]

SEARCH_KINDS = ("drug", "company", "target", "indication")


@dataclass(frozen=True, slots=True)
class LatestFact:
    id: int
    date: dt.date | None
    published: dt.date | None
    type: str
    status: str
    summary: str
    drugs: tuple[str, ...]
    document_id: str
    title: str | None
    quote: str | None


@dataclass(frozen=True, slots=True)
class Home:
    documents: int
    facts: int
    latest: tuple[LatestFact, ...]


@dataclass(frozen=True, slots=True)
class SearchHit:
    kind: str
    name: str
    matched: str


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    hits: tuple[SearchHit, ...]


def latest(conn: Connection, limit: int = 25) -> Home:
    """Counts, and the ``limit`` facts most recently published."""
    when = func.coalesce(events.c.published, events.c.day)
    ids = [r[0] for r in conn.execute(select(events.c.id).order_by(when.desc(), events.c.id.desc()).limit(limit))]
    names = Names(conn)
    facts = facts_where(conn, events.c.id.in_(ids), names=names) if ids else []
    sources = sources_of(conn, ids)
    facts.sort(key=lambda f: (f.published or f.when or dt.date.min, f.id), reverse=True)
    out = []
    for f in facts:
        src = sources.get(f.id)
        out.append(LatestFact(f.id, f.when, f.published, f.type, f.status, describe(f), f.roles.get("drug", ()),
                              f.document_id, src.title if src else None, src.quote if src else None))
    n_docs = int(conn.execute(select(func.count()).select_from(documents)).scalar_one())
    n_facts = int(conn.execute(select(func.count()).select_from(events)).scalar_one())
    return Home(n_docs, n_facts, tuple(out))


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def search(conn: Connection, query: str, *, kinds: tuple[str, ...] = SEARCH_KINDS, limit: int = 30) -> SearchResults:
    """Entities whose name or an alias contains ``query`` (case-insensitive), best matches first."""
    wanted = norm(query)
    if not wanted:
        raise InputError("the search is empty; type part of a name, e.g. 'KRAS' or 'Amgen'")
    rows = conn.execute(
        select(aliases.c.entity_id, aliases.c.kind, aliases.c.alias, aliases.c.norm)
        .where(aliases.c.kind.in_(list(kinds)), aliases.c.norm.like(_like(wanted), escape="\\"))
        .limit(limit * 10)
    ).all()
    names = Names(conn)
    names.prime(r.entity_id for r in rows)
    best: dict[tuple[str, str], tuple[int, str]] = {}
    for r in rows:
        name = names.name(r.entity_id)
        rank = 0 if r.norm == wanted else 1 if r.norm.startswith(wanted) else 2
        key = (r.kind, name)
        if key not in best or rank < best[key][0]:
            best[key] = (rank, r.alias)
    order = sorted(best.items(), key=lambda kv: (kv[1][0], SEARCH_KINDS.index(kv[0][0]) if kv[0][0] in SEARCH_KINDS
                                                 else 9, kv[0][1].casefold()))
    return SearchResults(query, tuple(SearchHit(k, n, alias) for (k, n), (_, alias) in order[:limit]))
