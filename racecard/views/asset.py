"""The asset dossier: who a drug is, who holds it where, and everything that happened to it.

    dossier = asset(conn=conn, name="KHK4083")     # any name or code

Identity (every name and code learned), targets, modality, originator; the rights
timeline (licences, hand-backs, acquisitions) and who holds each territory now; every
fact in date order, each with its sources and quotes. Reports of the same fact in
several documents are one entry with several sources.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection

from racecard.errors import InputError
from racecard.model import EntityKind
from racecard.store import read
from racecard.store.entities import norm
from racecard.views.describe import describe
from racecard.views.facts import Fact, Names, Source, facts_for, same_facts, sources_of
from racecard.views.profile import companies, drug_profiles, lexicon_attrs
from racecard.views.rights import DEAL_TYPES, RightsChange, acquisitions_of, by_acquired, changes, holders

__all__ = ["Dossier", "DossierEvent", "Holder", "asset"]


@dataclass(frozen=True, slots=True)
class Holder:
    territory: str
    holder: str | None
    since: dt.date | None


@dataclass(frozen=True, slots=True)
class DossierEvent:
    """One fact about the asset, with every document that reported it."""

    date: dt.date | None
    stated_date: str | None
    type: str
    status: str
    summary: str
    fields: dict[str, object]
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class Dossier:
    name: str
    names: tuple[str, ...]
    targets: tuple[str, ...]
    modality: str | None
    drug_class: str | None
    originator: str | None
    originator_country: str | None
    as_of: dt.date | None
    rights: tuple[RightsChange, ...]
    holders: tuple[Holder, ...]
    events: tuple[DossierEvent, ...]


def _names(canonical: str, learned: list[str]) -> tuple[str, ...]:
    attrs = lexicon_attrs(EntityKind.DRUG, canonical)
    out: dict[str, str] = {}
    # names the news used (aliases learned from documents) and brand names; the lexicon's codes
    # include database identifiers (ChEMBL, PubChem vendors …) that no reader needs
    for n in [canonical, *learned, *_listed(attrs.get("brands"))]:
        out.setdefault(norm(n), n)
    return tuple(out.values())


def _listed(value: object) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    return [v for v in str(value).split("|") if v] if value else []


def _grouped(facts: list[Fact], sources: dict[int, Source]) -> list[DossierEvent]:
    out = []
    for same in same_facts(facts):
        best = max(same, key=lambda f: (len(f.fields), -(f.published or dt.date.max).toordinal()))
        when = min((f.when for f in same if f.when), default=None)
        srcs = tuple(sources[f.id] for f in sorted(same, key=lambda f: (f.published or dt.date.max, f.id))
                     if f.id in sources)
        out.append(DossierEvent(when, best.date, best.type, best.status, describe(best), dict(best.fields), srcs))
    out.sort(key=lambda e: (e.date or dt.date.max, e.type))
    return out


def asset(*, conn: Connection, name: str, as_of: dt.date | None = None) -> Dossier:
    """Everything known about one drug (by any of its names or codes), as of a date."""
    if not name.strip():
        raise InputError("the asset name is empty; give a name or code, e.g. 'rocatinlimab' or 'KHK4083'")
    row = read.entity(conn, str(EntityKind.DRUG), name)
    names = Names(conn)
    ids = (row.id, *row.merged)
    profile = drug_profiles(conn, {row.name: ids}, names)[row.name]
    facts = facts_for(conn, entity_ids=ids, roles_of=("drug", "acquired"), as_of=as_of, names=names)
    originator = profile.originator or next(
        (f.one("licensor") for f in facts if f.type == "license" and f.one("licensor")), None
    )
    deals = [f for f in facts if f.type in DEAL_TYPES]
    parties = {p for f in deals for r in ("licensee", "to", "acquirer") for p in f.roles.get(r, ())}
    takeovers = by_acquired(
        acquisitions_of(conn, parties | ({originator} if originator else set()), as_of=as_of, names=names)
    )
    moves = changes(row.name, originator, deals, takeovers)
    held = [Holder(t, h.holder, h.since) for t, h in holders(originator, moves)]
    firm = companies(conn, [originator]).get(originator) if originator else None
    return Dossier(
        row.name,
        _names(row.name, [a.alias for a in row.aliases]),
        profile.targets,
        profile.modality,
        profile.drug_class,
        originator,
        firm.country if firm else None,
        as_of,
        tuple(moves),
        tuple(held),
        tuple(_grouped(facts, sources_of(conn, [f.id for f in facts]))),
    )

