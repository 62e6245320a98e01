"""A small, deterministic reader for ingest tests, independent of the packaged lexicon."""

from __future__ import annotations

import re

from racecard.model import Document, Entity, EntityKind, Event, Evidence, Mention, Reading, Status

DRUGS = ("fulzerasib", "garsorasib", "rocatinlimab", "HTX-101")
COMPANIES = ("Nuvora Bio", "Calder Pharma", "Halden Therapeutics", "Kyowa Kirin", "Amgen")
_CODE = re.compile(r"\b([A-Z]{2,4}\d{3,4})\s*\(([a-z]+)\)")


def fake_read(doc: Document) -> Reading:
    text = doc.text
    mentions: list[Mention] = []
    for name in DRUGS:
        mentions += [
            Mention(m.start(), m.end(), name, EntityKind.DRUG, name, "test") for m in re.finditer(re.escape(name), text)
        ]
    for name in COMPANIES:
        mentions += [
            Mention(m.start(), m.end(), name, EntityKind.COMPANY, name, "test")
            for m in re.finditer(re.escape(name), text)
        ]
    aliases: dict[str, list[str]] = {}
    for m in _CODE.finditer(text):
        mentions.append(Mention(m.start(1), m.end(1), m.group(1), EntityKind.DRUG, m.group(2), "defined-alias"))
        aliases.setdefault(m.group(2), []).append(m.group(1))
    mentions.sort(key=lambda m: m.start)
    names = {(m.kind, m.name) for m in mentions}
    entities = tuple(Entity(k, n, tuple(aliases.get(n, ()))) for k, n in sorted(names))
    events: list[Event] = []
    drugs = [m for m in mentions if m.kind == EntityKind.DRUG]
    companies = list(dict.fromkeys(m.name for m in mentions if m.kind == EntityKind.COMPANY))
    found = re.search(r"[^.\n]*licens[^.\n]*\.", text)
    if found and drugs and len(companies) >= 2:
        quote = found.group(0)
        events.append(
            Event(
                "license",
                Status.HAPPENED,
                {"drug": drugs[0].name, "licensor": companies[0], "licensee": companies[1]},
                Evidence(doc.id, found.start(), found.end(), quote, "fake-1"),
            )
        )
    return Reading(doc, mentions=tuple(mentions), entities=entities, events=tuple(events))
