"""An in-memory lexicon for the event tests, and a helper that reads one text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from racecard.extract.pipeline import read
from racecard.lexicon import Lexicon, Term, TermStatus
from racecard.model import EntityKind as K
from racecard.model import Event

DRUGS = [
    "sotorasib",
    "adagrasib",
    "rocatinlimab",
    "amlitelimab",
    "glecirasib",
    "zelnorasib",
    "quilveranib",
    "toravimab",
    "mexolitinib",
    "ferastomig",
    "pembrolizumab",
]
COMPANIES = {
    "Amgen": "US",
    "Kyowa Kirin": "JP",
    "Zai Lab": "CN",
    "Mirati": "US",
    "Merck": "US",
    "Hansoh": "CN",
    "Pfizer": "US",
    "Seagen": "US",
    "Sanofi": "FR",
    "Jacobio": "CN",
    "AstraZeneca": "GB",
    "Novartis": "CH",
    "Coherus": "US",
    "Junshi": "CN",
    "Evaluate": "GB",
    "Lumora Bio": "CN",
    "Tessaly": "US",
    "Boehringer Ingelheim": "DE",
    "Jefferies": "US",
}
TRIALS = ["KESTREL-3", "HARBOR", "CODA-2"]
INDICATIONS = [
    "non-small cell lung cancer",
    "atopic dermatitis",
    "pancreatic cancer",
    "colorectal cancer",
    "ulcerative colitis",
    "obesity",
]


@pytest.fixture(scope="session")
def evlex() -> Lexicon:
    terms: list[Term | tuple[str, str, str]] = [("drug", d, d) for d in DRUGS]
    terms += [
        Term(K.DRUG, "sotorasib", "Lumakras", TermStatus.BRAND),
        Term(K.DRUG, "adagrasib", "Krazati", TermStatus.BRAND),
        Term(K.DRUG, "quilveranib", "QLV-101", TermStatus.CODE, cased=True),
    ]
    terms += [("company", c, c) for c in COMPANIES]
    terms += [Term(K.COMPANY, "Hansoh", "Hansoh Pharma"), Term(K.COMPANY, "Lumora Bio", "Lumora")]
    terms += [Term(K.TRIAL, t, t, TermStatus.NAME, cased=True) for t in TRIALS]
    terms += [("indication", i, i) for i in INDICATIONS]
    terms += [Term(K.INDICATION, "non-small cell lung cancer", "NSCLC", TermStatus.ABBREVIATION, cased=True)]
    attrs = {("company", c): {"country": cc} for c, cc in COMPANIES.items()}
    return Lexicon.of(terms, attrs)


Reader = Callable[..., list[Event]]


@pytest.fixture()
def events(evlex: Lexicon) -> Reader:
    """Read a text (published 2026-01-30 unless told) and return its events, checking every evidence."""

    def _read(text: str, published: date | None = date(2026, 1, 30), kind: str | None = None) -> list[Event]:
        reading = read(text, lexicon=evlex, published=published, id="t")
        for ev in reading.events:
            assert ev.evidence is not None
            assert text[ev.evidence.start : ev.evidence.end] == ev.evidence.quote
            for sup in ev.support:
                assert text[sup.start : sup.end] == sup.quote
        return [e for e in reading.events if kind is None or e.type == kind]

    return _read
