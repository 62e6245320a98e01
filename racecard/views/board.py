"""The facts a race board is made of, read lean, and what each asset's row is worked out from.

A board reads every stage, setback, plan and rights fact of every asset on a target:
thousands of events on a large store. So it reads only the columns it needs (the few
JSON fields by the database's own JSON functions), places each fact once, and builds
full :class:`~racecard.views.facts.Fact` objects (with grounded roles) only for the deals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from sqlalchemy import Connection, String, Text, and_, select, type_coerce

from racecard.store.schema import events, roles
from racecard.views.facts import (
    Fact,
    Names,
    build,
    corrected_day,
    corrections,
    day_of,
    json_fields,
    roles_of_events,
    visible,
)
from racecard.views.markets import covers, event_markets
from racecard.views.rights import DEAL_TYPES
from racecard.views.stages import GLOBAL_TYPES, MARK_TYPES, PLANNABLE, Stage, stage_from

__all__ = ["RACE_TYPES", "Seen", "Standing", "best_elsewhere", "earlier", "elsewhere", "next_milestone", "read_board",
           "standing"]

# The facts a board is made of: stages, setbacks, plans and rights (not forecasts or safety findings).
RACE_TYPES = (
    "trial_start", "trial_readout", "regulatory_submission", "advisory_opinion", "designation", "approval",
    "rejection", "discontinuation", "license", "rights_return", "acquisition",
)


class Seen(NamedTuple):
    """A fact as a board sees it: where it holds, whether that is in the board's market, its stage.

    A named tuple, not a frozen dataclass: a board makes thousands and tuples are cheap to build."""

    id: int
    key: str
    type: str
    status: str
    date: str | None
    when: dt.date | None
    published: dt.date | None
    agency: str | None
    where: str | None
    inside: bool
    stage: Stage | None
    aim: Stage | None
    indications: frozenset[str] = frozenset()


@dataclass(slots=True)
class Standing:
    stage: Stage | None = None
    date: dt.date | None = None
    stated: str | None = None
    marks: list[tuple[dt.date | None, str]] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)


_NONE: frozenset[str] = frozenset()
placement = event_markets


def _text(value: object) -> str | None:
    return None if value in (None, "") else str(value)


def read_board(
    conn: Connection,
    drugs: dict[str, set[int]],
    *,
    market: str | None,
    as_of: dt.date | None,
    names: Names,
    with_indications: bool = False,
) -> tuple[dict[str, list[Seen]], dict[str, list[Fact]]]:
    """Per drug: its facts as the board sees them, and its deals as full facts."""
    owner = {i: name for name, group in drugs.items() for i in group}
    cond = and_(roles.c.entity_id.in_(sorted(owner)), roles.c.role.in_(("drug", "acquired")), visible(as_of),
                events.c.type.in_(RACE_TYPES))
    query = (
        select(
            events.c.id, events.c.key, events.c.type, events.c.status, events.c.date,
            type_coerce(events.c.day, String), type_coerce(events.c.published, String),
            type_coerce(events.c.fields, Text), roles.c.entity_id, events.c.document_id,
        )
        .select_from(roles.join(events, events.c.id == roles.c.event_id))
        .where(cond)
    )
    rows = conn.execute(query).all()
    fixes = corrections(conn, [r[0] for r in rows])
    indications = _indications(conn, [r[0] for r in rows], names) if with_indications else {}
    seen: dict[str, list[Seen]] = {}
    deal_rows: dict[int, tuple[Any, set[str]]] = {}
    done: set[tuple[int, str]] = set()
    for row in rows:
        id_, key, type_, status, date, day, published, raw, entity, _ = row
        name = owner.get(entity) or names.name(entity)
        if (id_, name) in done:
            continue  # named twice (as drug and as the asset acquired)
        done.add((id_, name))
        fields = json_fields(raw)
        fix = fixes.get(id_)
        if fix:  # an analyst's correction wins over what was read
            fields = {**fields, **fix}
            date, day = fix.get("date") or date, corrected_day(fix, day_of(day))
        if type_ in DEAL_TYPES:
            deal_rows.setdefault(id_, ((*row[:7], row[9], fields), set()))[1].add(name)
        agency = _text(fields.get("agency"))
        where = placement(_text(fields.get("territory")), agency)
        if market is None:
            inside = True
        elif where is None:
            inside = type_ in GLOBAL_TYPES
        else:
            inside = covers(where, market)
        aim = stage_from(type_, fields.get("phase"), fields.get("designation"))
        reported = day_of(published)
        seen.setdefault(name, []).append(
            Seen(id_, key, type_, status, date, day_of(day) or reported, reported, agency, where, inside,
                 aim if status == "happened" else None, aim, indications.get(id_, _NONE) if indications else _NONE)
        )
    for group in seen.values():
        group.sort(key=lambda x: (x.when or dt.date.max, x.id))
    return seen, _deals(conn, deal_rows, names, fixes)


def _deals(
    conn: Connection,
    deal_rows: dict[int, tuple[Any, set[str]]],
    names: Names,
    fixes: dict[int, dict[str, Any]],
) -> dict[str, list[Fact]]:
    """The deals among the board's facts, as facts with every role grounded (one more query)."""
    if not deal_rows:
        return {}
    found: dict[int, list[tuple[int, str, int | None, str]]] = {}
    for r in roles_of_events(conn, sorted(deal_rows)):
        found.setdefault(r[0], []).append(r)
    light = [
        _Row(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8])
        for r, _ in deal_rows.values()
    ]
    deals: dict[str, list[Fact]] = {}
    for fact in build(light, found, names, fixes):
        for name in deal_rows[fact.id][1]:
            deals.setdefault(name, []).append(fact)
    return deals


@dataclass(frozen=True, slots=True)
class _Row:
    id: int
    key: str
    type: str
    status: str
    date: str | None
    day: Any
    published: Any
    document_id: str
    fields: Any


def _indications(conn: Connection, event_ids: Sequence[int], names: Names) -> dict[int, frozenset[str]]:
    found: dict[int, set[str]] = {}
    for i in range(0, len(event_ids), 900):
        query = select(roles.c.event_id, roles.c.entity_id, roles.c.value).where(
            roles.c.event_id.in_(event_ids[i : i + 900]), roles.c.role == "indication"
        )
        for event_id, entity_id, value in conn.execute(query).all():
            found.setdefault(event_id, set()).add(names.name(entity_id) if entity_id is not None else value)
    return {k: frozenset(v) for k, v in found.items()}


def earlier(when: dt.date | None, stated: str | None, than: dt.date | None, than_stated: str | None) -> bool:
    """Whether a day (with the date as stated) goes before another for "the day it got there".

    A vague date stands for the first day of its period ("2021-05" → 1 May), so an exact
    day inside the other's period wins over it: 28 May 2021 beats "May 2021"."""
    if when is None:
        return False
    if than is None:
        return True
    mine, theirs = len(stated or "") == 10, len(than_stated or "") == 10
    if mine and not theirs and than_stated and when.isoformat().startswith(than_stated[:7]):
        return True
    if theirs and not mine and stated and than.isoformat().startswith(stated[:7]):
        return False
    return when < than


def standing(seen: Sequence[Seen], market: str | None, indications: Collection[str] | None) -> Standing:
    """The furthest stage reached in the market and since when, the setbacks since, the facts counted."""
    s = Standing()
    for x in seen:
        if not x.inside:
            continue
        if indications is not None and x.indications and not x.indications & set(indications):
            continue
        s.keys.add(x.key)
        if x.stage is not None and (s.stage is None or x.stage > s.stage):
            s.stage, s.date, s.stated = x.stage, x.when, x.date
        elif x.stage is not None and x.stage == s.stage and earlier(x.when, x.date, s.date, s.stated):
            s.date, s.stated = x.when, x.date
    for x in seen:
        if x.status != "happened" or x.type not in MARK_TYPES or not x.inside:
            continue
        if s.date is not None and x.when is not None and x.when < s.date:
            continue  # an older setback, overtaken by later progress
        if x.type == "rejection":
            label = "rejected (full approval)" if s.stage == Stage.APPROVED else "rejected"
        else:
            label = "withdrawn" if s.stage == Stage.APPROVED else "discontinued"
        day = x.when.isoformat() if x.when else ""
        s.marks.append((x.when, f"{label} {day}".strip() + (f" ({x.where})" if x.where and market is None else "")))
    return s


def next_milestone(seen: Sequence[Seen], stage: Stage | None) -> str | None:
    """The latest-stated plan that would take the asset further (a planned filing …)."""
    best: Seen | None = None
    for x in seen:
        if x.status not in ("planned", "expected") or x.type not in PLANNABLE:
            continue
        if x.where is not None and not x.inside:
            continue  # planned elsewhere; a plan that names no market counts everywhere
        if x.aim is None and x.type not in ("trial_start", "trial_readout"):
            continue
        if stage is not None and x.aim is not None and x.aim <= stage:
            continue
        if best is None or (x.published or dt.date.min) >= (best.published or dt.date.min):
            best = x
    if best is None:
        return None
    what = {"regulatory_submission": "filing", "approval": "approval", "trial_start": "trial start",
            "trial_readout": "readout"}[best.type]
    return " ".join(p for p in (what, f"({best.agency})" if best.agency else "", best.status, best.date or "") if p)


def best_elsewhere(seen: Sequence[Seen]) -> tuple[Stage, dt.date | None, str] | None:
    """The furthest stage reached outside the board's market, or in trials that name no country:
    (stage, day, where)."""
    best: tuple[Stage, dt.date | None, str] | None = None
    stated: str | None = None
    for x in seen:
        if x.inside or x.stage is None or (x.where is None and x.type not in ("trial_start", "trial_readout")):
            continue  # an unplaced regulatory fact says nothing about where
        where = x.where or "global"  # a trial that names no country
        if best is None or x.stage > best[0] or (x.stage == best[0] and earlier(x.when, x.date, best[1], stated)):
            best, stated = (x.stage, x.when, where), x.date
    return best


def elsewhere(seen: Sequence[Seen], market: str | None) -> str | None:
    """The furthest stage outside the market, and rejections there (one per market and year)."""
    if market is None:
        return None
    best = best_elsewhere(seen)
    setbacks: dict[tuple[str, int | None], tuple[int, str]] = {}
    for x in seen:
        if x.where is None or x.inside or x.status != "happened" or x.type != "rejection":
            continue
        exact = len(x.date or "")
        key = (x.where, x.when.year if x.when else None)
        if key not in setbacks or exact > setbacks[key][0]:
            setbacks[key] = (exact, f"rejected {x.where} {x.when.isoformat() if x.when else ''}".strip())
    if best is None and not setbacks:
        return None
    parts = [f"{best[0].label} {best[2]} {best[1].isoformat() if best[1] else ''}".strip()] if best else []
    return "; ".join([*parts, *(text for _, text in setbacks.values())])
