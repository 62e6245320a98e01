"""Who holds an asset's rights in a market, and since when, from licences and hand-backs.

The originator holds every market until a licence covering it moves the rights to the
licensee; a hand-back (``rights_return``) moves them to its ``to`` party; buying the
asset, or the company holding it, moves them to the acquirer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import Connection, select

from racecard.model import EntityKind
from racecard.store.schema import entities
from racecard.views.facts import Fact, Names, facts_for, merged_into
from racecard.views.markets import carve_outs, covers, label

__all__ = [
    "DEAL_TYPES",
    "Holding",
    "RightsChange",
    "acquisitions_of",
    "by_acquired",
    "changes",
    "holders",
    "holding",
]

DEAL_TYPES = frozenset({"license", "rights_return", "acquisition"})
_WORLD = ("worldwide", "global", "")


@dataclass(frozen=True, slots=True)
class RightsChange:
    """One move of rights: a licence, a hand-back or an acquisition, where and to whom."""

    date: dt.date | None
    kind: str
    territory: str
    holder: str | None
    previous: str | None
    fact_id: int


@dataclass(frozen=True, slots=True)
class Holding:
    holder: str | None
    since: dt.date | None


def _in(territory: str, market: str | None) -> bool:
    if market is None:  # the worldwide board: only worldwide rights move the worldwide holder
        return territory.casefold() in _WORLD
    return covers(territory, market)


def _precision(stated: str | None) -> int:
    """3 for a stated day, 2 for a month or none stated (the report's own day), 1 for a year or period."""
    if stated is None:
        return 2
    return 3 if len(stated) == 10 else 2 if len(stated) == 7 and stated[5:7].isdigit() else 1


def by_acquired(takeovers: Iterable[Fact]) -> dict[str, list[Fact]]:
    """Acquisitions of companies indexed by the company bought (build once, use for many drugs)."""
    index: dict[str, list[Fact]] = {}
    for t in takeovers:
        for name in t.roles.get("acquired", ()):
            index.setdefault(name, []).append(t)
    return index


def _involved(originator: str | None, facts: Iterable[Fact], takeovers: Mapping[str, Sequence[Fact]],
              depth: int = 2) -> list[Fact]:
    """The takeovers that can touch this drug: of a party that held it, and of that party's buyer."""
    if not takeovers:
        return []
    holders = {originator} if originator else set()
    for f in facts:
        for role in ("licensee", "to", "acquirer"):
            holders.update(f.roles.get(role, ()))
    found: dict[int, Fact] = {}
    for _ in range(depth):
        buyers: set[str] = set()
        for name in holders:
            for t in takeovers.get(name, ()):
                found[t.id] = t
                buyers.update(t.roles.get("acquirer", ()))
        holders = buyers
    return list(found.values())


def _raw(drug: str, originator: str | None, facts: Sequence[Fact], takeovers: Mapping[str, Sequence[Fact]]
         ) -> list[tuple[RightsChange, int]]:
    """Moves as reported, in date order, each with how exact its date is (see :func:`_precision`)."""
    moves: list[tuple[RightsChange, int]] = []
    for f in sorted([*facts, *_involved(originator, facts, takeovers)], key=lambda f: (f.when or dt.date.max, f.id)):
        if f.status != "happened":
            continue
        precise = _precision(f.date)
        territory = f.one("territory") or "worldwide"
        if f.type == "license" and drug in f.roles.get("drug", ()):
            licensor, licensee = f.one("licensor"), f.one("licensee")
            # rights licensed back to the originator by its partner are a hand-back
            back = originator is not None and licensee == originator and licensor not in (None, originator)
            moves.append((RightsChange(f.when, "hand-back" if back else "licence", territory, licensee, licensor,
                                       f.id), precise))
        elif f.type == "rights_return" and drug in f.roles.get("drug", ()):
            moves.append((RightsChange(f.when, "hand-back", territory, f.one("to") or originator, f.one("from"), f.id),
                          precise))
        elif f.type == "acquisition":
            whole = "" if drug in f.roles.get("acquired", ()) else "company"
            moves.append((RightsChange(f.when, "acquisition", whole, f.one("acquirer"), f.one("acquired"), f.id),
                          precise))
    return moves


def changes(
    drug: str, originator: str | None, facts: Sequence[Fact], takeovers: Mapping[str, Sequence[Fact]]
) -> list[RightsChange]:
    """Every move of the drug's rights, in date order (``takeovers``: see :func:`by_acquired`).

    A report that moves nothing — the rights already sit with its party in its territory —
    restates an earlier move (often with a vaguer or a later date): it is dropped, and lends
    the earlier move its exact day when both fall in the same year.
    """
    kept: list[RightsChange] = []
    exact: list[int] = []
    current: dict[str, tuple[str | None, int | None]] = {"worldwide": (originator, None)}
    for m, precise in _raw(drug, originator, facts, takeovers):
        if m.kind == "acquisition":
            kept.append(m)
            exact.append(precise)
            continue
        key = label(m.territory)
        if key == "worldwide":  # a no-op only if every territory already sits with the party
            same = all(h == m.holder for h, _ in current.values())
            at = max((i for _, i in current.values() if i is not None), default=None)
        else:
            held, at = current.get(key, current["worldwide"])
            same = held == m.holder
        if m.holder is not None and same:
            earlier = kept[at].date if at is not None else None
            if at is not None and m.date and earlier and m.date.year == earlier.year:
                if precise > exact[at]:
                    kept[at], exact[at] = replace(kept[at], date=m.date), precise
                if m.kind == "hand-back":
                    kept[at] = replace(kept[at], kind="hand-back")
            continue
        kept.append(m)
        exact.append(precise)
        if key == "worldwide":
            current = {"worldwide": (m.holder, len(kept) - 1)}
        else:
            current[key] = (m.holder, len(kept) - 1)
    return kept


def holding(originator: str | None, moves: Iterable[RightsChange], market: str | None) -> Holding:
    """Who holds the rights in ``market`` after ``moves``, and since when."""
    holder, since = originator, None
    for m in moves:
        if m.kind == "acquisition":
            if m.territory == "company" and m.previous != holder:
                continue  # someone else's company was bought
            holder, since = m.holder, m.date
        elif _in(m.territory, market):
            holder, since = m.holder, m.date
    return Holding(holder, since)


def holders(originator: str | None, moves: list[RightsChange]) -> list[tuple[str, Holding]]:
    """Who holds each territory the moves name (and each market carved out of one), and since when."""
    named: dict[str, str] = {"worldwide": "worldwide"}
    for m in moves:
        if m.kind == "acquisition" and m.territory == "company":
            continue
        stated = m.territory or "worldwide"
        named.setdefault(stated.casefold(), stated)
        for carved in carve_outs(stated):
            named.setdefault(carved.casefold(), carved)
    out = []
    for key, stated in named.items():
        holder, since = originator, None
        simple = not carve_outs(stated) and key not in _WORLD
        for m in moves:
            if m.kind == "acquisition":
                if m.territory == "company" and m.previous != holder:
                    continue
                holder, since = m.holder, m.date
            elif m.territory.casefold() in (key, *_WORLD) or (simple and covers(m.territory, stated)):
                holder, since = m.holder, m.date
        out.append((stated, Holding(holder, since)))
    return out


def acquisitions_of(
    conn: Connection, company_names: Collection[str], *, as_of: dt.date | None, names: Names
) -> list[Fact]:
    """Acquisitions of any of these companies (by canonical name), as of a date."""
    wanted = sorted({n for n in company_names if n})
    if not wanted:
        return []
    ids: list[int] = []
    for i in range(0, len(wanted), 500):
        query = select(entities.c.id).where(
            entities.c.kind == str(EntityKind.COMPANY), entities.c.name.in_(wanted[i : i + 500])
        )
        ids.extend(r[0] for r in conn.execute(query).all())
    ids = sorted({i for group in merged_into(conn, ids).values() for i in group})
    return facts_for(conn, entity_ids=ids, roles_of=("acquired",), types=("acquisition",), as_of=as_of, names=names)
