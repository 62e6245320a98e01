"""Who holds an asset's rights in a market, and since when, from licences and hand-backs.

The originator holds every market until a licence covering it moves the rights to the
licensee; a hand-back (``rights_return``) moves them to its ``to`` party; buying the
asset, or the company holding it, moves them to the acquirer.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, select

from racecard.model import EntityKind
from racecard.store.schema import entities
from racecard.views.facts import Fact, Names, facts_for
from racecard.views.markets import carve_outs, covers

__all__ = ["DEAL_TYPES", "Holding", "RightsChange", "acquisitions_of", "changes", "holders", "holding"]

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


def changes(drug: str, originator: str | None, facts: Iterable[Fact], takeovers: Iterable[Fact]) -> list[RightsChange]:
    """Every move of the drug's rights, in date order (``takeovers``: acquisitions of companies)."""
    moves: list[RightsChange] = []
    for f in sorted([*facts, *takeovers], key=lambda f: (f.when or dt.date.max, f.id)):
        if f.status != "happened":
            continue
        territory = f.one("territory") or "worldwide"
        if f.type == "license" and drug in f.roles.get("drug", ()):
            moves.append(RightsChange(f.when, "licence", territory, f.one("licensee"), f.one("licensor"), f.id))
        elif f.type == "rights_return" and drug in f.roles.get("drug", ()):
            moves.append(RightsChange(f.when, "hand-back", territory, f.one("to") or originator, f.one("from"), f.id))
        elif f.type == "acquisition":
            acquired = f.roles.get("acquired", ())
            moves.append(
                RightsChange(
                    f.when, "acquisition", "" if drug in acquired else "company", f.one("acquirer"),
                    f.one("acquired"), f.id,
                )
            )
    return moves


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
        ids.extend(r[0] for r in conn.execute(query))
    merged = select(entities.c.id).where(entities.c.merged_into.in_(ids)) if ids else None
    if merged is not None:
        ids.extend(r[0] for r in conn.execute(merged))
    return facts_for(conn, entity_ids=ids, roles_of=("acquired",), types=("acquisition",), as_of=as_of, names=names)
