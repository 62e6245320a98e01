"""Stores for the views, filled by hand through the store's write API.

``kras`` is a small KRAS G12C story told in facts (public names and dates, our own
sentences): three domestic Chinese assets and two in-licensed Western ones, with
licences, filings, approvals, a US rejection and a takeover; ``ox40`` an antibody
licensed out in 2021 and handed back in 2026.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pytest

from racecard.model import Document, Entity, EntityKind, Event, Evidence, Reading, Status
from racecard.store import DocumentRecord, Store

DRUGS: Mapping[str, Mapping[str, Any]] = {
    "fulzerasib": {"targets": ["KRAS G12C"], "originator": "GenFleet", "modality": "small molecule"},
    "garsorasib": {"targets": ["KRAS G12C"], "originator": "InventisBio", "modality": "small molecule"},
    "glecirasib": {"targets": ["KRAS G12C"], "originator": "Jacobio", "modality": "small molecule"},
    "sotorasib": {"targets": ["KRAS G12C"], "originator": "Amgen", "modality": "small molecule"},
    "adagrasib": {"targets": ["KRAS G12C"], "originator": "Mirati", "modality": "small molecule"},
    "rocatinlimab": {"targets": ["OX40"], "originator": "Kyowa Kirin", "modality": "antibody"},
}
COUNTRIES = {
    "GenFleet": "CN", "InventisBio": "CN", "Jacobio": "CN", "Innovent": "CN", "Chia Tai Tianqing": "CN",
    "BeiGene": "CN", "Zai Lab": "CN", "Amgen": "US", "Mirati": "US", "Bristol Myers Squibb": "US",
    "Kyowa Kirin": "JP",
}
ALIASES = {
    "fulzerasib": ("IBI351", "GFH925", "Dupert"),
    "garsorasib": ("D-1553",),
    "rocatinlimab": ("KHK4083", "AMG 451"),
}


def fact(
    text: str, published: str, *events: tuple[str, Mapping[str, Any]] | tuple[str, Mapping[str, Any], str],
    doc_id: str | None = None,
) -> Reading:
    """A one-sentence document stating ``events``: (type, fields[, status])."""
    doc = Document(text=text, id=doc_id or "", title=text[:60], url=f"https://example.test/{abs(hash(text))}",
                   published=date.fromisoformat(published), source="fixture")
    named: dict[tuple[EntityKind, str], None] = {}
    evs = []
    for spec in events:
        kind, fields = spec[0], spec[1]
        status = Status(spec[2]) if len(spec) > 2 else Status.HAPPENED  # type: ignore[misc]
        for role, k in (("drug", EntityKind.DRUG), ("licensor", EntityKind.COMPANY), ("licensee", EntityKind.COMPANY),
                        ("from", EntityKind.COMPANY), ("to", EntityKind.COMPANY), ("acquirer", EntityKind.COMPANY),
                        ("company", EntityKind.COMPANY)):
            if role in fields:
                named[(k, fields[role])] = None
        evs.append(Event(kind, status, dict(fields), Evidence(doc.id, 0, len(text), text, "fixture-1")))
    ents = []
    for k, name in named:
        if k == EntityKind.DRUG:
            ents.append(Entity(k, name, ALIASES.get(name, ()), dict(DRUGS.get(name, {}))))
        else:
            ents.append(Entity(k, name, (), {"country": COUNTRIES[name]} if name in COUNTRIES else {}))
    return Reading(doc, entities=tuple(ents), events=tuple(evs))


def add(store: Store, *readings: Reading) -> None:
    with store.begin() as conn:
        store.writer.add(conn, [DocumentRecord(r.document, "text", origin="fixture", reading=r, extractor="fixture-1")
                                for r in readings])


KRAS = (
    fact("Amgen hands BeiGene the China rights to sotorasib.", "2019-11-01",
         ("license", {"drug": "sotorasib", "licensor": "Amgen", "licensee": "BeiGene", "territory": "China",
                      "date": "2019-10-31"})),
    fact("FDA approves sotorasib for KRAS G12C lung cancer.", "2021-05-28",
         ("approval", {"drug": "sotorasib", "agency": "FDA", "territory": "US", "date": "2021-05-28",
                       "indication": "non-small cell lung cancer"})),
    fact("Zai Lab licenses adagrasib for Greater China from Mirati for $65m upfront.", "2021-06-01",
         ("license", {"drug": "adagrasib", "licensor": "Mirati", "licensee": "Zai Lab", "territory": "Greater China",
                      "upfront_usd": 65_000_000, "milestones_usd": 273_000_000, "date": "2021-05-28"})),
    fact("Innovent licenses GFH925 in China from GenFleet.", "2021-09-15",
         ("license", {"drug": "fulzerasib", "licensor": "GenFleet", "licensee": "Innovent",
                      "territory": "mainland China, Hong Kong, Macau and Taiwan", "date": "2021-09"})),
    fact("Sotorasib's phase 3 CodeBreaK 200 trial met its endpoint.", "2022-10-10",
         ("trial_readout", {"drug": "sotorasib", "phase": "3", "date": "2022-10-10", "outcome": "met"})),
    fact("Innovent's IBI351 NDA is accepted by the NMPA.", "2023-11-30",
         ("regulatory_submission", {"drug": "fulzerasib", "agency": "NMPA", "territory": "China", "date": "2023-11"})),
    fact("FDA sends a complete response letter for sotorasib's full approval.", "2023-12-27",
         ("rejection", {"drug": "sotorasib", "agency": "FDA", "territory": "US", "date": "2023-12-26"})),
    fact("Chia Tai Tianqing's partner files D-1553 in China.", "2023-12-20",
         ("regulatory_submission", {"drug": "garsorasib", "agency": "NMPA", "date": "2023-12"}),
         ("license", {"drug": "garsorasib", "licensor": "InventisBio", "licensee": "Chia Tai Tianqing",
                      "territory": "mainland China", "date": "2023-08"})),
    fact("Bristol Myers Squibb completes its Mirati takeover.", "2024-01-24",
         ("acquisition", {"acquirer": "Bristol Myers Squibb", "acquired": "Mirati", "value_usd": 4_800_000_000,
                          "date": "2024-01-23"})),
    fact("Jacobio's glecirasib NDA is accepted in China.", "2024-05-29",
         ("regulatory_submission", {"drug": "glecirasib", "agency": "NMPA", "territory": "China",
                                    "date": "2024-05-06"})),
    fact("Adagrasib's KRYSTAL-12 phase 3 trial is under way.", "2024-03-01",
         ("trial_start", {"drug": "adagrasib", "phase": "3", "date": "2022"})),
    fact("NMPA approves Dupert (fulzerasib), the first KRAS G12C drug in China.", "2024-08-21",
         ("approval", {"drug": "fulzerasib", "agency": "NMPA", "territory": "China", "date": "2024-08-20"})),
    fact("NMPA approves garsorasib, the second KRAS G12C drug in China.", "2024-11-07",
         ("approval", {"drug": "garsorasib", "agency": "NMPA", "territory": "China", "date": "2024-11-05"})),
)

OX40 = (
    fact("Amgen pays Kyowa Kirin $400m upfront for KHK4083 rights outside Japan.", "2021-06-02",
         ("license", {"drug": "rocatinlimab", "licensor": "Kyowa Kirin", "licensee": "Amgen",
                      "territory": "worldwide except Japan", "upfront_usd": 400_000_000,
                      "milestones_usd": 850_000_000, "date": "2021-06-01"})),
    fact("Rocatinlimab met its co-primary endpoints in ROCKET-HORIZON.", "2024-09-26",
         ("trial_readout", {"drug": "rocatinlimab", "phase": "3", "trial": "ROCKET-HORIZON", "outcome": "met",
                            "indication": "atopic dermatitis", "date": "2024-09"})),
    fact("Amgen returns rocatinlimab to Kyowa Kirin, which plans to file in the first half of 2026.", "2026-01-31",
         ("rights_return", {"drug": "rocatinlimab", "from": "Amgen", "to": "Kyowa Kirin", "territory": "worldwide",
                            "date": "2026-01-30"}),
         ("regulatory_submission", {"drug": "rocatinlimab", "date": "2026-H1"}, "planned")),
)


@pytest.fixture
def store(any_store: Store) -> Store:
    """The views are checked on every database (tests/conftest.py)."""
    return any_store


@pytest.fixture
def kras(store: Store) -> Store:
    add(store, *KRAS, *OX40)
    return store
