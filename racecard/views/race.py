"""The race board: every asset on a target, ranked by how far it has come in a market.

    board = race(conn=conn, target="KRAS G12C", market="China", as_of=date(2023, 6, 30))

For each asset acting on the target (or whose class is the one asked for): its furthest
stage in the market and the day it got there, marks for rejections and discontinuations,
who holds the rights there and since when, the originator and its country, whether the
asset is home-grown or in-licensed for that market, the next milestone the company has
stated, and how many distinct facts support the row. Ranked by stage, then by date;
assets that dropped out go last; the first approved is marked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import Connection, select

from racecard.errors import InputError, NotFoundError
from racecard.model import EntityKind
from racecard.store.schema import entities
from racecard.views.facts import Fact, Names, facts_for, linked, members_of
from racecard.views.markets import COUNTRY_MARKETS, covers, market_key, members
from racecard.views.profile import DrugProfile, companies, drug_profiles, lexicon_drugs
from racecard.views.rights import DEAL_TYPES, acquisitions_of, by_acquired, changes, holding
from racecard.views.stages import GLOBAL_TYPES, MARK_TYPES, PLANNABLE, Stage, placed, planned_stage, stage_of

__all__ = ["RACE_TYPES", "RaceBoard", "RaceRow", "race"]

# The facts a board is made of: stages, setbacks, plans and rights (not forecasts or safety findings).
RACE_TYPES = (
    "trial_start", "trial_readout", "regulatory_submission", "advisory_opinion", "designation", "approval",
    "rejection", "discontinuation", "license", "rights_return", "acquisition",
)


@dataclass(frozen=True, slots=True)
class RaceRow:
    """One asset's position in the race."""

    rank: int
    asset: str
    stage: str
    stage_date: dt.date | None
    marks: tuple[str, ...]
    first_approved: bool
    holder: str | None
    holder_since: dt.date | None
    originator: str | None
    originator_country: str | None
    origin: str | None
    next_milestone: str | None
    elsewhere: str | None
    facts: int


@dataclass(frozen=True, slots=True)
class RaceBoard:
    """A race: the target (or class), indication and market it is run in, as of a date."""

    target: str
    indication: str | None
    market: str | None
    as_of: dt.date | None
    rows: tuple[RaceRow, ...] = field(default=())


@dataclass(slots=True)
class _Standing:
    stage: Stage | None = None
    date: dt.date | None = None
    marks: list[tuple[dt.date | None, str]] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)


@dataclass(frozen=True, slots=True)
class _Seen:
    """A fact with what the board needs of it, worked out once: where it holds, whether
    that is in the board's market, and the stage it shows."""

    fact: Fact
    where: str | None
    inside: bool
    stage: Stage | None


def _seen(f: Fact, market: str | None) -> _Seen:
    where = placed(f)
    if market is None:
        inside = True
    elif where is None:
        inside = f.type in GLOBAL_TYPES
    else:
        inside = covers(where, market)
    return _Seen(f, where, inside, stage_of(f))


def _standing(seen: Sequence[_Seen], market: str | None, indications: set[str] | None) -> _Standing:
    s = _Standing()
    for x in seen:
        f = x.fact
        if not x.inside:
            continue
        if indications is not None:
            said = set(f.roles.get("indication", ()))
            if said and not said & indications:
                continue
        s.keys.add(f.key)
        stage = x.stage
        if stage is not None and (s.stage is None or stage > s.stage):
            s.stage, s.date = stage, f.when
        elif stage is not None and stage == s.stage and f.when and (s.date is None or f.when < s.date):
            s.date = f.when
    for x in seen:
        f = x.fact
        if f.status != "happened" or f.type not in MARK_TYPES or not x.inside:
            continue
        if s.date is not None and f.when is not None and f.when < s.date:
            continue  # an older setback, overtaken by later progress
        if f.type == "rejection":
            label = "rejected (full approval)" if s.stage == Stage.APPROVED else "rejected"
        else:
            label = "withdrawn" if s.stage == Stage.APPROVED else "discontinued"
        day = f.when.isoformat() if f.when else ""
        s.marks.append((f.when, f"{label} {day}".strip() + (f" ({x.where})" if x.where and market is None else "")))
    return s


def _next(seen: Sequence[_Seen], stage: Stage | None) -> str | None:
    best: Fact | None = None
    for x in seen:
        f = x.fact
        if f.status not in ("planned", "expected") or f.type not in PLANNABLE:
            continue
        if x.where is not None and not x.inside:
            continue  # planned elsewhere; a plan that names no market counts everywhere
        aim = planned_stage(f)
        if aim is None and f.type not in ("trial_start", "trial_readout"):
            continue
        if stage is not None and aim is not None and aim <= stage:
            continue
        if best is None or (f.published or dt.date.min) >= (best.published or dt.date.min):
            best = f
    if best is None:
        return None
    what = {"regulatory_submission": "filing", "approval": "approval", "trial_start": "trial start",
            "trial_readout": "readout"}[best.type]
    agency = best.one("agency")
    return " ".join(p for p in (what, f"({agency})" if agency else "", best.status, best.date or "") if p)


def _elsewhere(seen: Sequence[_Seen], market: str | None) -> str | None:
    if market is None:
        return None
    best: tuple[Stage, dt.date | None, str] | None = None
    setbacks: list[str] = []
    for x in seen:
        if x.where is None or x.inside:
            continue
        f = x.fact
        if x.stage is not None and (best is None or x.stage > best[0]):
            best = (x.stage, f.when, x.where)
        if f.status == "happened" and f.type == "rejection":
            setbacks.append(f"rejected {x.where} {f.when.isoformat() if f.when else ''}".strip())
    if best is None and not setbacks:
        return None
    parts = [f"{best[0].label} {best[2]} {best[1].isoformat() if best[1] else ''}".strip()] if best else []
    return "; ".join([*parts, *dict.fromkeys(setbacks)])


def _origin(country: str | None, market: str | None) -> str | None:
    if market is None or country is None:
        return None
    home = COUNTRY_MARKETS.get(country)
    if home is None:
        return "in-licensed"
    return "home-grown" if home in members(market_key(market)) else "in-licensed"


def _drugs(conn: Connection, target: str, names: Names) -> tuple[str, dict[str, set[int]]]:
    """The target's canonical name, and its drugs: canonical name → entity ids.

    A drug is on the target when the store links it there (from the attributes read
    with it), when the lexicon lists the target among its targets, or when its class
    (store or lexicon) is the one asked for ("KRAS G12C inhibitor").
    """
    ids: set[int] = set()
    known = False
    try:
        canonical, target_ids = members_of(conn, str(EntityKind.TARGET), target)
        ids.update(linked(conn, "target", target_ids))
        known = True
    except NotFoundError:
        canonical = target
    listed = sorted(lexicon_drugs(canonical) | lexicon_drugs(target))
    for i in range(0, len(listed), 500):
        query = select(entities.c.id).where(
            entities.c.kind == str(EntityKind.DRUG), entities.c.name.in_(listed[i : i + 500])
        )
        ids.update(r[0] for r in conn.execute(query).all())
    if not ids and not known:  # a class stored with the drugs but unknown to the lexicon
        wanted = " ".join(target.casefold().split())
        query = select(entities.c.id, entities.c.attributes).where(entities.c.kind == str(EntityKind.DRUG))
        for row in conn.execute(query).all():
            label = str((row.attributes or {}).get("class") or "")
            if label and " ".join(label.casefold().split()) == wanted:
                ids.add(row.id)
    if not ids:
        if known or listed:
            raise NotFoundError(f"no drug acting on {canonical!r} is in the store yet")
        raise NotFoundError(f"no target or drug class known as {target!r} (try the target's symbol, e.g. 'KRAS G12C')")
    names.prime(ids)
    roots = {names.root(i) for i in ids}
    drugs: dict[str, set[int]] = {}
    for i in ids:
        drugs.setdefault(names.name(i), set()).add(i)
    merged = select(entities.c.id, entities.c.merged_into).where(entities.c.merged_into.in_(sorted(roots)))
    for row in conn.execute(merged).all():
        drugs.setdefault(names.name(row.merged_into), set()).add(row.id)
    for name, group in drugs.items():
        group.update(r for r in roots if names.name(r) == name)
    return canonical, drugs


def race(
    *,
    conn: Connection,
    target: str,
    indication: str | None = None,
    market: str | None = None,
    as_of: dt.date | None = None,
) -> RaceBoard:
    """The race board for a target (or drug class) × indication × market, as of a date."""
    if not target.strip():
        raise InputError("the target is empty; name one, e.g. 'KRAS G12C'")
    names = Names(conn)
    canonical, drugs = _drugs(conn, target, names)
    wanted_ind: set[str] | None = None
    ind_name = indication
    if indication:
        ind_name, _ = members_of(conn, str(EntityKind.INDICATION), indication)
        wanted_ind = {ind_name}
    all_ids = {i for group in drugs.values() for i in group}
    facts = facts_for(conn, entity_ids=all_ids, roles_of=("drug", "acquired"), as_of=as_of, names=names,
                      types=RACE_TYPES, roles_for=None if indication else DEAL_TYPES)
    by_drug: dict[str, list[Fact]] = {name: [] for name in drugs}
    for f in facts:
        for role in ("drug", "acquired"):
            for i in f.role_ids.get(role, ()):
                name = names.name(i)
                if name in by_drug and (not by_drug[name] or by_drug[name][-1].id != f.id):
                    by_drug[name].append(f)
    by_drug = {n: fs for n, fs in by_drug.items() if fs}  # an asset with no fact yet as of the date
    profiles = drug_profiles(conn, {n: drugs[n] for n in by_drug}, names)
    originators = {n: _originator(profiles[n], fs) for n, fs in by_drug.items()}
    parties = {p for fs in by_drug.values() for f in fs if f.type in DEAL_TYPES
               for role in ("licensee", "to", "acquirer") for p in f.roles.get(role, ())}
    parties |= {o for o in originators.values() if o}
    takeovers = by_acquired(acquisitions_of(conn, parties, as_of=as_of, names=names))
    firms = companies(conn, {o for o in originators.values() if o})
    rows = []
    for name, fs in by_drug.items():
        seen = [_seen(f, market) for f in fs]
        s = _standing(seen, market, wanted_ind)
        if not s.keys:
            continue
        origin = originators[name]
        moves = changes(name, origin, [f for f in fs if f.type in DEAL_TYPES], takeovers)
        held = holding(origin, moves, market)
        firm = firms.get(origin) if origin else None
        country = firm.country if firm else None
        rows.append(
            RaceRow(0, name, s.stage.label if s.stage is not None else "unknown", s.date,
                    tuple(m for _, m in s.marks), False, held.holder, held.since, origin, country,
                    _origin(country, market), _next(seen, s.stage), _elsewhere(seen, market), len(s.keys))
        )
    rows.sort(key=_rank_key)
    first = next((r for r in rows if r.stage == Stage.APPROVED.label), None)
    ranked = tuple(replace(r, rank=i, first_approved=r is first) for i, r in enumerate(rows, 1))
    return RaceBoard(canonical, ind_name, market, as_of, ranked)


_ORDER = {s.label: int(s) for s in Stage}


def _rank_key(r: RaceRow) -> tuple[bool, int, dt.date, str]:
    out = any(m.startswith(("discontinued", "withdrawn")) for m in r.marks)
    return (out, -_ORDER.get(r.stage, -1), r.stage_date or dt.date.max, r.asset)


def _originator(profile: DrugProfile, facts: Sequence[Fact]) -> str | None:
    if profile.originator:
        return profile.originator
    for f in facts:  # the first licensor, else the first company named
        if f.type == "license" and f.one("licensor"):
            return f.one("licensor")
    for f in facts:
        for role in ("company", "sponsor", "licensor"):
            if f.roles.get(role):
                return f.roles[role][0]
    return None
