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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from sqlalchemy import Connection, select

from racecard.errors import InputError, NotFoundError
from racecard.model import EntityKind
from racecard.store.schema import entities
from racecard.views.board import best_elsewhere, elsewhere, next_milestone, read_board, standing
from racecard.views.facts import Fact, Names, linked, members_of, merged_into
from racecard.views.markets import COUNTRY_MARKETS, market_key, members
from racecard.views.profile import DrugProfile, companies, drug_profiles, lexicon_drugs
from racecard.views.rights import acquisitions_of, by_acquired, changes, holding
from racecard.views.stages import Stage

__all__ = ["RaceBoard", "RaceRow", "race"]



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
    for root, group in merged_into(conn, roots).items():
        drugs.setdefault(names.name(root), set()).update(group)
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
    seen, deals = read_board(conn, drugs, market=market, as_of=as_of, names=names, with_indications=bool(indication))
    profiles = drug_profiles(conn, {n: drugs[n] for n in seen}, names)
    originators = {n: _originator(profiles[n], deals.get(n, [])) for n in seen}
    takeovers = _takeovers(conn, seen, deals, originators, market=market, as_of=as_of, names=names)
    firms = companies(conn, {o for o in originators.values() if o})
    rows = []
    behind: dict[str, tuple[int, dt.date]] = {}  # ties broken by how far each got elsewhere
    for name, facts in seen.items():
        s = standing(facts, market, wanted_ind)
        if not s.keys and wanted_ind is not None:
            continue  # every asset on the target is on the board, but not one never seen in the indication
        origin = originators[name]
        held = holding(origin, changes(name, origin, deals.get(name, []), takeovers), market)
        firm = firms.get(origin) if origin else None
        country = firm.country if firm else None
        other = best_elsewhere(facts) if market is not None else None
        behind[name] = (-int(other[0]) if other else 1, other[1] or dt.date.max if other else dt.date.max)
        rows.append(
            RaceRow(0, name, s.stage.label if s.stage is not None else "unknown", s.date,
                    tuple(m for _, m in s.marks), False, held.holder, held.since, origin, country,
                    _origin(country, market), next_milestone(facts, s.stage), elsewhere(facts, market),
                    len(s.keys))
        )
    rows.sort(key=lambda r: (*_rank_key(r)[:3], *behind[r.asset], r.asset))
    approved = [r for r in rows if r.stage == Stage.APPROVED.label]  # withdrawn ones too: they were first
    first = min(approved, key=lambda r: (r.stage_date or dt.date.max, r.asset)) if approved else None
    ranked = tuple(replace(r, rank=i, first_approved=r is first) for i, r in enumerate(rows, 1))
    return RaceBoard(canonical, ind_name, market, as_of, ranked)


_ORDER = {s.label: int(s) for s in Stage}


def _rank_key(r: RaceRow) -> tuple[bool, int, dt.date, str]:
    out = any(m.startswith(("discontinued", "withdrawn")) for m in r.marks)
    return (out, -_ORDER.get(r.stage, -1), r.stage_date or dt.date.max, r.asset)


def _takeovers(
    conn: Connection,
    seen: Mapping[str, object],
    deals: Mapping[str, Sequence[Fact]],
    originators: Mapping[str, str | None],
    *,
    market: str | None,
    as_of: dt.date | None,
    names: Names,
) -> dict[str, list[Fact]]:
    """Takeovers of the companies that hold the assets in the market (and of their buyers)."""
    holders = {o for o in originators.values() if o}
    for name in seen:
        origin = originators[name]
        holders.add(holding(origin, changes(name, origin, deals.get(name, []), {}), market).holder or "")
    found: dict[str, list[Fact]] = {}
    wanted = holders - {""}
    for _ in range(2):  # a holder bought, and its buyer bought in turn
        more = by_acquired(acquisitions_of(conn, wanted, as_of=as_of, names=names))
        found.update(more)
        wanted = {b for fs in more.values() for f in fs for b in f.roles.get("acquirer", ())} - found.keys()
        if not wanted:
            break
    return found


def _originator(profile: DrugProfile, deals: Sequence[Fact]) -> str | None:
    if profile.originator:
        return profile.originator
    return next((f.one("licensor") for f in deals if f.type == "license" and f.one("licensor")), None)
