"""The asset dossier: identity by any name, rights timeline per territory, events with sources."""

from __future__ import annotations

from datetime import date

import pytest

from racecard.errors import NotFoundError
from racecard.store import Store
from racecard.views.asset import Dossier, asset

from .conftest import add, fact


def _dossier(store: Store, name: str, as_of: date | None = None) -> Dossier:
    with store.begin() as conn:
        return asset(conn=conn, name=name, as_of=as_of)


def test_dossier_by_code_has_identity_and_rights(kras: Store) -> None:
    d = _dossier(kras, "KHK4083")
    assert d.name == "rocatinlimab" and {"KHK4083", "AMG 451"} <= set(d.names)
    assert d.targets == ("OX40",) and d.modality == "antibody" and d.originator == "Kyowa Kirin"
    moves = [(m.date, m.kind, m.previous, m.holder) for m in d.rights]
    assert moves == [
        (date(2021, 6, 1), "licence", "Kyowa Kirin", "Amgen"),
        (date(2026, 1, 30), "hand-back", "Amgen", "Kyowa Kirin"),
    ]
    held = {h.territory: (h.holder, h.since) for h in d.holders}
    assert held["worldwide except Japan"] == ("Kyowa Kirin", date(2026, 1, 30))
    assert held["Japan"][0] == "Kyowa Kirin"


def test_dossier_events_in_date_order_with_quotes(kras: Store) -> None:
    d = _dossier(kras, "rocatinlimab")
    types = [e.type for e in d.events]
    assert types[0] == "license" and "rights_return" in types and "trial_readout" in types
    dates = [e.date for e in d.events if e.date]
    assert dates == sorted(dates)
    licence = d.events[0]
    assert licence.sources and licence.sources[0].quote and "$400m" in licence.sources[0].quote
    assert "$400m upfront" in licence.summary and "$850m" in licence.summary


def test_dossier_as_of_before_the_hand_back(kras: Store) -> None:
    d = _dossier(kras, "rocatinlimab", as_of=date(2025, 12, 31))
    assert [m.kind for m in d.rights] == ["licence"]
    held = {h.territory: h.holder for h in d.holders}
    assert held["worldwide except Japan"] == "Amgen" and held["Japan"] == "Kyowa Kirin"
    assert all(e.type != "rights_return" for e in d.events)


def test_takeover_of_the_originator_moves_its_rights(kras: Store) -> None:
    d = _dossier(kras, "adagrasib")
    held = {h.territory: h.holder for h in d.holders}
    assert held == {"worldwide": "Bristol Myers Squibb", "Greater China": "Zai Lab"}


def test_unknown_asset(kras: Store) -> None:
    with pytest.raises(NotFoundError, match="XYZ-999"):
        _dossier(kras, "XYZ-999")


def test_restated_moves_collapse_and_a_licence_back_is_a_hand_back(store: Store) -> None:
    add(
        store,
        fact("Back in 2021, Orion licensed velumab to Pax.", "2023-05-01",
             ("license", {"drug": "velumab", "licensor": "Orion", "licensee": "Pax", "date": "2021"})),
        fact("Orion licenses velumab to Pax worldwide.", "2021-06-10",
             ("license", {"drug": "velumab", "licensor": "Orion", "licensee": "Pax", "territory": "worldwide",
                          "date": "2021-06-09"})),
        fact("Pax licenses velumab back to Orion.", "2025-02-02",
             ("license", {"drug": "velumab", "licensor": "Pax", "licensee": "Orion", "date": "2025-02-01"})),
        fact("A month after Pax handed velumab back, Orion stopped a trial.", "2025-03-05",
             ("rights_return", {"drug": "velumab", "from": "Pax", "to": "Orion", "date": "2025-03-04"})),
        fact("Orion, the maker of velumab, licensed it to itself.", "2022-01-01",
             ("license", {"drug": "velumab", "licensor": "Pax", "licensee": "Pax", "date": "2022"})),
    )
    d = _dossier(store, "velumab")
    assert [(m.date, m.kind, m.holder) for m in d.rights] == [
        (date(2021, 6, 9), "licence", "Pax"),
        (date(2025, 2, 1), "hand-back", "Orion"),
    ]


def test_a_corrected_licensee_changes_the_rights_timeline(kras: Store) -> None:
    from sqlalchemy import select

    from racecard.store.reviews import review
    from racecard.store.schema import events

    with kras.begin() as conn:
        licences = [row.id for row in conn.execute(select(events.c.id).where(events.c.type == "license"))]
    d = _dossier(kras, "rocatinlimab")
    first = next(m for m in d.rights if m.kind == "licence")
    assert first.holder == "Amgen"
    with kras.begin() as conn:
        for event_id in licences:
            review(conn, event_id, "correct", by="analyst", fields={"licensee": "Sanofi"}, note="test")
    moved = next(m for m in _dossier(kras, "rocatinlimab").rights if m.kind == "licence")
    assert (moved.previous, moved.holder) == ("Kyowa Kirin", "Sanofi")


def test_one_fact_told_twice_with_less_detail_is_one_entry_with_two_sources(store: Store) -> None:
    add(
        store,
        fact("Pax returns worldwide rights to velumab to Orion.", "2025-02-02",
             ("rights_return", {"drug": "velumab", "from": "Pax", "to": "Orion", "territory": "worldwide",
                                "date": "2025-02-01"})),
        fact("Orion halted velumab a month after Pax handed it back.", "2025-03-05",
             ("rights_return", {"drug": "velumab", "from": "Pax", "to": "Orion", "date": "2025-02"})),
        # two facts, not one: a US approval and, a week later, an EU one told without its place
        fact("The FDA approved velumab.", "2025-06-02",
             ("approval", {"drug": "velumab", "agency": "FDA", "territory": "US", "date": "2025-06-01"})),
        fact("The EMA approved velumab.", "2025-06-09",
             ("approval", {"drug": "velumab", "agency": "EMA", "territory": "EU", "date": "2025-06-08"})),
        fact("Velumab was approved.", "2025-06-10", ("approval", {"drug": "velumab", "date": "2025-06-08"})),
        # the same drug handed back again years later is another fact
        fact("Pax again returned velumab to Orion.", "2029-01-10",
             ("rights_return", {"drug": "velumab", "from": "Pax", "to": "Orion", "date": "2029-01-09"})),
    )
    d = _dossier(store, "velumab")
    returns = [(e.date, len(e.sources)) for e in d.events if e.type == "rights_return"]
    assert returns == [(date(2025, 2, 1), 2), (date(2029, 1, 9), 1)]
    approvals = sorted(len(e.sources) for e in d.events if e.type == "approval")
    assert approvals == [1, 2]
