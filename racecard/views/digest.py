"""The digest: what is new since a date for a watchlist, and which race positions moved.

    watch = load_watchlist(Path("watch.yaml"))     # targets, assets, companies, markets
    news = digest(conn=conn, since=date(2026, 1, 1), watch=watch)

A watchlist file (YAML or JSON) holds lists under ``targets``, ``assets``, ``companies``
and ``markets``; every key is optional. New facts are those published after ``since``
(and on or before ``as_of``) that name a watched asset, an asset on a watched target,
or a watched company. Race changes compare each watched target's board in each watched
market as of ``since`` with the board now.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import Connection, func, select

from racecard.errors import ConfigError, InputError, NotFoundError
from racecard.model import EntityKind
from racecard.store.schema import events
from racecard.views.describe import describe
from racecard.views.facts import Fact, Names, facts_for, facts_where, linked, members_of, sources_of
from racecard.views.race import RaceBoard, RaceRow, race

__all__ = ["Digest", "NewFact", "PositionChange", "Watchlist", "digest", "load_watchlist"]


class _WatchFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    targets: list[str] = []
    assets: list[str] = []
    companies: list[str] = []
    markets: list[str] = []


@dataclass(frozen=True, slots=True)
class Watchlist:
    targets: tuple[str, ...] = ()
    assets: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    markets: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NewFact:
    date: dt.date | None
    published: dt.date | None
    assets: tuple[str, ...]
    type: str
    status: str
    summary: str
    source: str | None
    url: str | None
    quote: str | None


@dataclass(frozen=True, slots=True)
class PositionChange:
    target: str
    market: str | None
    asset: str
    before: str | None
    after: str | None
    change: str


@dataclass(frozen=True, slots=True)
class Digest:
    since: dt.date
    as_of: dt.date | None
    watch: Watchlist
    facts: tuple[NewFact, ...]
    changes: tuple[PositionChange, ...]


def load_watchlist(path: Path) -> Watchlist:
    """A watchlist from a YAML or JSON file, checked: unknown keys and wrong types are errors."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the watchlist: {exc}", source=str(path)) from exc
    try:
        data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        raise InputError(f"the watchlist is not valid {'JSON' if path.suffix == '.json' else 'YAML'}: {exc}",
                         source=str(path)) from exc
    try:
        parsed = _WatchFile.model_validate(data or {})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(top)"
        raise ConfigError(f"{first['msg']}; a watchlist has lists under targets, assets, companies, markets",
                          source=str(path), field=where) from exc
    return Watchlist(tuple(parsed.targets), tuple(parsed.assets), tuple(parsed.companies), tuple(parsed.markets))


def _ids(conn: Connection, kind: EntityKind, names: tuple[str, ...]) -> list[int]:
    out: list[int] = []
    for n in names:
        try:
            out.extend(members_of(conn, str(kind), n)[1])
        except NotFoundError:
            continue  # watched but not yet in the news
    return out


def _position(row: RaceRow | None) -> str | None:
    if row is None:
        return None
    return f"#{row.rank} {row.stage}" + (f" ({'; '.join(row.marks)})" if row.marks else "")


def _compare(before: RaceBoard, after: RaceBoard) -> list[PositionChange]:
    old = {r.asset: r for r in before.rows}
    out = []
    for r in after.rows:
        was = old.get(r.asset)
        notes = []
        if was is None:
            notes.append("enters the race")
        else:
            if was.stage != r.stage:
                notes.append(f"{was.stage} → {r.stage}")
            if was.rank != r.rank:
                notes.append(f"rank {was.rank} → {r.rank}")
            if set(r.marks) - set(was.marks):
                notes.append(", ".join(sorted(set(r.marks) - set(was.marks))))
            if was.holder != r.holder:
                notes.append(f"rights {was.holder or '?'} → {r.holder or '?'}")
        if r.first_approved and (was is None or not was.first_approved):
            notes.append("first approved")
        if notes:
            out.append(PositionChange(after.target, after.market, r.asset, _position(was), _position(r),
                                      "; ".join(notes)))
    return out


def digest(
    *, conn: Connection, since: dt.date, watch: Watchlist | None = None, as_of: dt.date | None = None
) -> Digest:
    """Facts new since a date for a watchlist (everything without one), and race positions that moved."""
    if as_of is not None and as_of < since:
        raise ConfigError(f"--as-of {as_of} is before --since {since}", field="--as-of")
    watch = watch or Watchlist()
    names = Names(conn)
    drug_ids = _ids(conn, EntityKind.DRUG, watch.assets)
    target_ids = _ids(conn, EntityKind.TARGET, watch.targets)
    drug_ids += linked(conn, "target", target_ids)
    company_ids = _ids(conn, EntityKind.COMPANY, watch.companies)
    watching = bool(watch.assets or watch.targets or watch.companies)
    if watching:
        found = {f.id: f for f in facts_for(conn, entity_ids=drug_ids, roles_of=("drug",), as_of=as_of, since=since,
                                             names=names)}
        roles = ("licensor", "licensee", "acquirer", "acquired", "from", "to", "company", "sponsor")
        found.update((f.id, f) for f in facts_for(conn, entity_ids=company_ids, roles_of=roles, as_of=as_of,
                                                  since=since, names=names))
        facts = sorted(found.values(), key=lambda f: (f.when or dt.date.max, f.id))
    else:
        newer = func.coalesce(events.c.published, events.c.day) > since
        facts = facts_where(conn, newer, as_of=as_of, names=names)
    known = _known_before(conn, {f.key for f in facts}, since)
    facts = [f for f in facts if f.key not in known]  # a fact restated since is not news
    sources = sources_of(conn, [f.id for f in facts])
    new: dict[str, NewFact] = {}
    for f in facts:
        if f.key in new:
            continue
        src = sources.get(f.id)
        new[f.key] = NewFact(f.when, f.published, f.roles.get("drug", ()), f.type, f.status, describe(f),
                             src.title if src else None, src.url if src else None, src.quote if src else None)
    targets = list(watch.targets) or _targets_of(conn, facts)
    changes: list[PositionChange] = []
    for target in targets:
        for market in watch.markets or (None,):
            try:
                before = race(conn=conn, target=target, market=market, as_of=since)
                after = race(conn=conn, target=target, market=market, as_of=as_of)
            except NotFoundError:
                continue
            changes.extend(_compare(before, after))
    ordered = sorted(new.values(), key=lambda n: (n.date or dt.date.max, n.type))
    return Digest(since, as_of, watch, tuple(ordered), tuple(changes))


def _known_before(conn: Connection, keys: set[str], since: dt.date) -> set[str]:
    """Which of these facts (by key) some document had already reported on or before ``since``."""
    listed = sorted(keys)
    known: set[str] = set()
    for i in range(0, len(listed), 500):
        query = select(events.c.key).where(
            events.c.key.in_(listed[i : i + 500]), func.coalesce(events.c.published, events.c.day) <= since
        )
        known.update(r[0] for r in conn.execute(query.distinct()).all())
    return known


def _targets_of(conn: Connection, facts: list[Fact], limit: int = 10) -> list[str]:
    """Targets of the drugs in new facts (for a digest without a watchlist), most named first."""
    from racecard.views.profile import drug_profiles

    names = Names(conn)
    drugs: dict[str, set[int]] = {}
    for f in facts:
        for name, i in zip(f.roles.get("drug", ()), f.role_ids.get("drug", ()), strict=False):
            drugs.setdefault(name, set()).add(i)
    counts: dict[str, int] = {}
    for profile in drug_profiles(conn, drugs, names).values():
        for t in profile.targets:
            counts[t] = counts.get(t, 0) + 1
    return sorted(counts, key=lambda t: (-counts[t], t))[:limit]
