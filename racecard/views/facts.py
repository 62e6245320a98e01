"""Reading facts back for the views: events with their grounded roles, as of a date.

Every view asks the same things of the store — which entities a name means (merges
included), which events name them in a role, what those events say — so the queries
live here, in SQLAlchemy Core, and work on SQLite and PostgreSQL alike. A fact is
*visible* as of a date when the document reporting it was published on or before it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Connection, String, Text, and_, func, select, type_coerce

from racecard.store import read
from racecard.store.schema import documents, entities, entity_links, events, evidence, merges, reviews, roles
from racecard.store.write import first_day

__all__ = [
    "Fact",
    "Names",
    "Source",
    "build",
    "corrections",
    "day_of",
    "facts_for",
    "json_fields",
    "linked",
    "members_of",
    "merged_into",
    "roles_of_events",
    "same_facts",
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


def rejected() -> ColumnElement[bool]:
    """Whether an analyst's latest review of the event rejects it."""
    reject, later = reviews.alias("reject"), reviews.alias("later")
    superseded = select(later.c.id).where(later.c.event_id == reject.c.event_id, later.c.id > reject.c.id).exists()
    return (
        select(reject.c.id)
        .where(reject.c.event_id == events.c.id, reject.c.action == "reject", ~superseded)
        .exists()
    )


def corrections(conn: Connection, event_ids: Collection[int]) -> dict[int, dict[str, Any]]:
    """Per event, the fields an analyst corrected (later corrections win; a later reject or confirm
    does not undo them: a rejected fact is hidden anyway).

    Reviews are few and events many: the corrected events are listed first, so a board of
    thousands of facts costs one small query when nothing it shows was corrected.
    """
    rows = conn.execute(
        select(reviews.c.event_id, reviews.c.fields).where(reviews.c.action == "correct").order_by(reviews.c.id)
    ).all()
    if not rows:
        return {}
    wanted = set(event_ids)
    out: dict[int, dict[str, Any]] = {}
    for event_id, fields in rows:
        if int(event_id) in wanted:
            out.setdefault(int(event_id), {}).update(json_fields(fields))
    return out


def corrected_day(fix: Mapping[str, Any], day: dt.date | None) -> dt.date | None:
    """The day an event happened after an analyst's correction of its date."""
    return first_day(str(fix["date"])) or day if fix.get("date") else day


def visible(as_of: dt.date | None, *, with_rejected: bool = False) -> ColumnElement[bool]:
    """The condition for an event to be known on ``as_of`` (everything when None) and not rejected.

    A fact an analyst rejected (and did not review again since) is hidden from every view;
    ``with_rejected`` keeps it, for pages that show the review itself.
    """
    known = events.c.id.is_not(None) if as_of is None else func.coalesce(events.c.published, events.c.day) <= as_of
    return known if with_rejected else and_(known, ~rejected())


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
                for row in self.conn.execute(query).all():
                    self._rows[row.id] = (row.name, row.merged_into, row.kind)
            wanted = {m for _, m, _ in (self._rows[i] for i in listed if i in self._rows) if m is not None}
            wanted -= self._rows.keys()

    def root(self, entity_id: int) -> int:
        known = self._rows.get(entity_id)
        if known is not None and known[1] is None:
            return entity_id
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


def merged_into(conn: Connection, roots: Collection[int]) -> dict[int, set[int]]:
    """Every entity merged (directly or through others) into each of ``roots``, from the merge log."""
    out = {r: {r} for r in roots}
    owner = {r: r for r in roots}
    frontier = set(roots)
    while frontier:
        query = select(merges.c.source_id, merges.c.target_id).where(
            merges.c.target_id.in_(sorted(frontier)), merges.c.undone_at.is_(None)
        )
        frontier = set()
        for source, target in conn.execute(query).all():
            root = owner[target]
            if source not in owner:
                owner[source] = root
                out[root].add(source)
                frontier.add(source)
    return out


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
    return sorted({r[0] for r in conn.execute(query).all()})


_EVENT_COLUMNS = (
    events.c.id,
    events.c.key,
    events.c.type,
    events.c.status,
    events.c.date,
    type_coerce(events.c.day, String).label("day"),
    type_coerce(events.c.published, String).label("published"),
    events.c.document_id,
    type_coerce(events.c.fields, Text).label("fields"),
)


_DAYS: dict[str, dt.date] = {}


def day_of(value: Any) -> dt.date | None:
    """A date column read without SQLAlchemy's processing (SQLite text, PostgreSQL date)."""
    if value is None or isinstance(value, dt.date):
        return value
    day = _DAYS.get(value)
    if day is None:
        if len(_DAYS) > 100_000:
            _DAYS.clear()
        day = _DAYS[value] = dt.date.fromisoformat(str(value)[:10])
    return day


def json_fields(value: Any) -> Mapping[str, Any]:
    if value is None:
        return {}
    if isinstance(value, Mapping):
        return value
    loaded = json.loads(value)
    return loaded if isinstance(loaded, dict) else {}


def facts_for(
    conn: Connection,
    *,
    entity_ids: Collection[int],
    roles_of: Collection[str] = ("drug",),
    types: Collection[str] | None = None,
    as_of: dt.date | None = None,
    since: dt.date | None = None,
    names: Names | None = None,
    roles_for: Collection[str] | None = None,
) -> list[Fact]:
    """Events naming any of ``entity_ids`` in one of the roles ``roles_of``, as of a date.

    Every role of every event is grounded, unless ``roles_for`` names the event types
    that need theirs: the others then carry only the role they were found by, and their
    other fields as stated (``Fact.one`` falls back to the text) — far fewer rows to read.
    """
    if not entity_ids:
        return []
    cond = [roles.c.entity_id.in_(sorted(set(entity_ids))), roles.c.role.in_(list(roles_of)), visible(as_of)]
    if types is not None:
        cond.append(events.c.type.in_(list(types)))
    if since is not None:
        cond.append(func.coalesce(events.c.published, events.c.day) > since)
    query = (
        select(*_EVENT_COLUMNS, roles.c.role.label("by_role"), roles.c.entity_id.label("by_id"))
        .select_from(roles.join(events, events.c.id == roles.c.event_id))
        .where(and_(*cond))
    )
    rows = conn.execute(query).all()
    names = names or Names(conn)
    found: dict[int, list[tuple[int, str, int | None, str]]] = {}
    for r in rows:
        found.setdefault(r.id, []).append((r.id, r.by_role, r.by_id, ""))
    wanted = sorted(found) if roles_for is None else sorted({r.id for r in rows if r.type in roles_for})
    role_rows = roles_of_events(conn, wanted)
    for i in {rr[0] for rr in role_rows}:
        found[i] = []
    for rr in role_rows:
        found[rr[0]].append(rr)
    unique = {r.id: r for r in rows}
    return build(list(unique.values()), found, names, corrections(conn, unique))


def facts_where(
    conn: Connection,
    condition: ColumnElement[bool],
    *,
    as_of: dt.date | None = None,
    names: Names | None = None,
    with_rejected: bool = False,
) -> list[Fact]:
    """Events matching a condition on the events table, as of a date, every role grounded."""
    rows = conn.execute(select(*_EVENT_COLUMNS).where(condition, visible(as_of, with_rejected=with_rejected))).all()
    found: dict[int, list[tuple[int, str, int | None, str]]] = {}
    for r in roles_of_events(conn, [r.id for r in rows]):
        found.setdefault(r[0], []).append(r)
    return build(rows, found, names or Names(conn), corrections(conn, [r.id for r in rows]))


def roles_of_events(conn: Connection, event_ids: Sequence[int]) -> list[tuple[int, str, int | None, str]]:
    out: list[tuple[int, str, int | None, str]] = []
    for i in range(0, len(event_ids), 900):
        query = select(roles.c.event_id, roles.c.role, roles.c.entity_id, roles.c.value).where(
            roles.c.event_id.in_(event_ids[i : i + 900])
        )
        out.extend((r[0], r[1], r[2], r[3]) for r in conn.execute(query.order_by(roles.c.id)).all())
    return out


def build(
    rows: Sequence[Any],
    found: Mapping[int, list[tuple[int, str, int | None, str]]],
    names: Names,
    fixes: Mapping[int, Mapping[str, Any]] | None = None,
) -> list[Fact]:
    names.prime(r[2] for group in found.values() for r in group if r[2] is not None)
    resolved: dict[int, tuple[int, str]] = {}
    out = []
    for e in rows:
        by_name: dict[str, tuple[str, ...]] = {}
        by_id: dict[str, tuple[int, ...]] = {}
        for _, role, entity_id, value in found.get(e.id, ()):
            if entity_id is None:
                name, ident = value, None
            else:
                hit = resolved.get(entity_id)
                if hit is None:
                    root = names.root(entity_id)
                    hit = resolved[entity_id] = (root, names.name(root))
                ident, name = hit
            known = by_name.get(role, ())
            if name not in known:
                by_name[role] = (*known, name)
            if ident is not None:
                by_id[role] = (*by_id.get(role, ()), ident)
            else:
                by_id.setdefault(role, ())
        fields, date, day = json_fields(e.fields), e.date, day_of(e.day)
        fix = (fixes or {}).get(e.id)
        if fix:  # an analyst's correction wins over what was read
            fields = {**fields, **fix}
            for role, value in fix.items():
                if role in by_name and value not in (None, ""):
                    by_name[role], by_id[role] = (str(value),), ()
            date, day = str(fix.get("date") or date or "") or None, corrected_day(fix, day)
        out.append(
            Fact(e.id, e.key, e.type, e.status, date, day, day_of(e.published), e.document_id, fields, by_name, by_id)
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
        for r in conn.execute(query).all():
            out[r.id] = Source(r.doc, r.title, r.url, r.published, None)
        quotes = select(evidence.c.event_id, evidence.c.quote, evidence.c.primary).where(
            evidence.c.event_id.in_(chunk)
        )
        primary: set[int] = set()
        for q in conn.execute(quotes.order_by(evidence.c.id)).all():
            known = out.get(q.event_id)
            if known is None or q.event_id in primary or (known.quote is not None and not q.primary):
                continue
            out[q.event_id] = Source(known.document_id, known.title, known.url, known.published, q.quote)
            if q.primary:
                primary.add(q.event_id)
    return out


# Fields that do not tell one fact from another: text kept for the reader, and a deal's terms (as
# ``event_key`` has it, a deal restated with its terms misread is the same deal); dates are weighed apart.
_NOT_IDENTITY = frozenset(
    {"date", "note", "value_text", "finding", "asset", "royalties", "source", "quote", "upfront_usd",
     "milestones_usd", "total_usd", "value_usd"}
)
_SAME_WITHIN = 45  # days between two reports' dates of one fact (a month told, a day told; news told late)


def _said(f: Fact) -> dict[str, frozenset[str]]:
    out = {r: frozenset(n.casefold() for n in names) for r, names in f.roles.items() if names}
    for name, value in f.fields.items():
        if name in out or name in _NOT_IDENTITY or value in (None, "", [], ()):
            continue
        values = value if isinstance(value, list | tuple) else [value]
        out[name] = frozenset(str(v).casefold() for v in values)
    return out


def _dates_agree(a: Fact, b: Fact) -> bool:
    if not (a.date and b.date) or a.date.startswith(b.date) or b.date.startswith(a.date):
        return True
    return a.day is not None and b.day is not None and abs((a.day - b.day).days) <= _SAME_WITHIN


def same_facts(facts: Iterable[Fact]) -> list[list[Fact]]:
    """Reports of one fact, grouped: the same type, status and drug (or company acquired; for a fact without
    either, the same key), every field both state alike, and dates within weeks of each other ("regained
    worldwide rights on 30 January" and, a month later, "after regaining rights from Amgen"). The same
    hand-back told again years later is another fact.

    Fuller reports lead: a sparser one joins the first group it agrees with in full, so a report with no
    territory never bridges a US fact and an EU fact into one."""
    told = sorted(((_said(f), f) for f in facts), key=lambda p: (-len(p[0]), p[1].published or dt.date.max, p[1].id))
    out: list[list[Fact]] = []
    heads: dict[tuple[str, ...], list[tuple[dict[str, frozenset[str]], list[Fact]]]] = {}
    for said, f in told:
        anchor = said.get("drug") or said.get("acquired")
        bucket = (f.type, f.status, *sorted(anchor)) if anchor else (f.type, f.status, "", f.key)
        parties = _parties(f, said)
        near = heads.setdefault(bucket, [])
        # a licence whose asset the report does not name joins the named licence between the same two companies
        candidates = near if anchor or not parties else near + heads.get(parties, [])
        for known, members in candidates:
            if all(known.get(k, v) == v for k, v in said.items()) and all(_dates_agree(f, g) for g in members):
                members.append(f)
                break
        else:
            near.append((said, [f]))
            out.append(near[-1][1])
            if anchor and parties:
                heads.setdefault(parties, []).append(near[-1])
    return out


def _parties(f: Fact, said: dict[str, frozenset[str]]) -> tuple[str, ...] | None:
    """A licence's two companies, the key a report that names no asset is matched by."""
    if f.type != "license" or not said.get("licensor") or not said.get("licensee"):
        return None
    return (f.type, f.status, "parties", *sorted(said["licensor"]), "→", *sorted(said["licensee"]))
