"""The deal table: licences and acquisitions with their terms, filters and comparables.

    table = deals(conn=conn, territory="Greater China", since=date(2021, 1, 1))

One row per deal (reports of the same deal in several documents are merged, the
fullest terms kept), with the asset's stage when the deal was signed and the date it
was handed back, if it was. The summary counts the deals, takes the median upfront and
the total of milestones, counts the hand-backs, and gives the median upfront per
phase and territory as comparables.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from racecard.errors import ConfigError, InputError
from racecard.model import EntityKind
from racecard.store.schema import events
from racecard.views.facts import Fact, Names, facts_for, facts_where, members_of, same_facts
from racecard.views.markets import covers, label
from racecard.views.stages import Stage, phase_stage, stage_of

__all__ = ["Comparable", "Deal", "DealSummary", "DealTable", "deals"]


@dataclass(frozen=True, slots=True)
class Deal:
    date: dt.date | None
    stated_date: str | None
    type: str
    asset: str | None
    seller: str | None
    buyer: str | None
    territory: str | None
    upfront_usd: float | None
    milestones_usd: float | None
    total_usd: float | None
    phase: str | None
    handed_back: dt.date | None
    sources: int
    document_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Comparable:
    phase: str
    territory: str
    deals: int
    median_upfront_usd: float | None


@dataclass(frozen=True, slots=True)
class DealSummary:
    count: int
    median_upfront_usd: float | None
    total_milestones_usd: float
    handed_back: int
    comparables: tuple[Comparable, ...]


@dataclass(frozen=True, slots=True)
class DealTable:
    territory: str | None
    since: dt.date | None
    party: str | None
    phase: str | None
    as_of: dt.date | None
    deals: tuple[Deal, ...]
    summary: DealSummary


def _number(value: object) -> float | None:
    try:
        return float(value) if value not in (None, "") else None  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _fullest(same: Sequence[Fact], name: str) -> float | None:
    values = [v for f in same if (v := _number(f.fields.get(name))) is not None]
    return max(values) if values else None


def _phase_at(trials: Sequence[Fact], when: dt.date | None) -> Stage | None:
    best: Stage | None = None
    for f in trials:
        stage = stage_of(f)
        if stage is not None and (when is None or (f.when is not None and f.when <= when)):
            best = stage if best is None else max(best, stage)
    return best


def deals(
    *,
    conn: Connection,
    territory: str | None = None,
    since: dt.date | None = None,
    party: str | None = None,
    phase: str | None = None,
    as_of: dt.date | None = None,
) -> DealTable:
    """Licences (and, without a territory filter, acquisitions) with their terms, as of a date."""
    wanted_phase = phase_stage(phase) if phase else None
    if phase and wanted_phase is None:
        raise ConfigError(f"unknown phase {phase!r}; use preclinical, 1, 1/2, 2, 2/3 or 3", field="--phase")
    if territory is not None and not territory.strip():
        raise InputError("the territory is empty; name one, e.g. 'Greater China'")
    company = members_of(conn, str(EntityKind.COMPANY), party)[0] if party else None
    names = Names(conn)
    types = ["license"] if territory else ["license", "acquisition"]
    facts = facts_where(conn, events.c.type.in_(types), as_of=as_of, names=names)
    groups = same_facts(f for f in facts if f.status == "happened")
    drug_ids = {i for same in groups for f in same for i in f.role_ids.get("drug", ())}
    history = facts_for(
        conn, entity_ids=drug_ids, types=("trial_start", "trial_readout", "regulatory_submission", "approval",
                                          "rights_return"), as_of=as_of, names=names,
    )
    by_drug: dict[str, list[Fact]] = {}
    for f in history:
        for d in f.roles.get("drug", ()):
            by_drug.setdefault(d, []).append(f)
    rows = []
    for same in groups:
        # the report that names the asset leads ("Amgen pays $400m for KHK4083" over "the 2021 deal with Amgen")
        first = min(same, key=lambda f: (f.one("drug") is None and f.type == "license", f.when or dt.date.max, f.id))
        when = first.when
        stated = next((f.one("territory") for f in same if f.one("territory")), None)
        if territory and not covers(stated or "worldwide", territory):
            continue
        if since and (when is None or when < since):
            continue
        if first.type == "license":
            seller, buyer = first.one("licensor"), first.one("licensee")
            drug = first.one("drug") or first.text("asset")
        else:
            seller, buyer, drug = first.one("acquired"), first.one("acquirer"), None
        if company and company not in (seller, buyer):
            continue
        mine = by_drug.get(drug or "", [])
        stated_phase = next((s for f in same if (s := phase_stage(f.fields.get("phase"))) is not None), None)
        at = stated_phase or _phase_at([f for f in mine if f.type != "rights_return"], when)
        if wanted_phase is not None and at != wanted_phase:
            continue
        back = next((f.when for f in mine if f.type == "rights_return" and f.status == "happened"
                     and (f.one("from") == buyer or f.one("to") == seller)
                     and (when is None or f.when is None or f.when >= when)), None)
        value = _fullest(same, "total_usd") if first.type == "license" else _fullest(same, "value_usd")
        said = _most_exact([f.date for f in same]) or (when.isoformat() if when else None)
        rows.append(Deal(when, said, first.type, drug, seller, buyer, stated or ("worldwide" if drug else None),
                         _fullest(same, "upfront_usd"), _fullest(same, "milestones_usd"), value,
                         at.label if at is not None else None, back, len(same),
                         tuple(dict.fromkeys(f.document_id for f in same))))
    rows.sort(key=lambda d: (d.date or dt.date.max, d.asset or "", d.buyer or ""))
    return DealTable(territory, since, company, wanted_phase.label if wanted_phase else None, as_of, tuple(rows),
                     _summary(rows))


def _most_exact(dates: Sequence[str | None]) -> str | None:
    """The most exact of the dates the reports state ("2021-06-01" over "2021-06" over "2021")."""
    stated = [d for d in dates if d]
    return max(stated, key=len) if stated else None


def _median(values: Sequence[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def _summary(rows: Sequence[Deal]) -> DealSummary:
    upfronts = [d.upfront_usd for d in rows if d.upfront_usd is not None]
    groups: dict[tuple[str, str], list[Deal]] = {}
    for d in rows:
        if d.type == "license":
            groups.setdefault((d.phase or "unknown", label(d.territory)), []).append(d)
    comparables = tuple(
        Comparable(p, t, len(ds), _median([d.upfront_usd for d in ds if d.upfront_usd is not None]))
        for (p, t), ds in sorted(groups.items())
    )
    return DealSummary(
        len(rows),
        _median(upfronts),
        float(sum(d.milestones_usd or 0.0 for d in rows)),
        sum(1 for d in rows if d.handed_back is not None),
        comparables,
    )
