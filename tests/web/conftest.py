"""A small store for the web tests: short articles we wrote, stored through the store's write API.

Each article is stored with its mentions (every name found in the text) and its facts,
each fact's evidence being the sentence that states it, so the document page has real
offsets to highlight. The KRAS G12C × China race has two domestic approvals (fulzerasib
in August 2024, garsorasib in November 2024), a filing (glecirasib) and two in-licensed
Western assets; rocatinlimab was licensed to Amgen in 2021 and handed back in 2026.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from racecard.model import Document, Entity, EntityKind, Event, Evidence, Mention, Reading, Status
from racecard.store import DocumentRecord, Store

with warnings.catch_warnings():  # starlette asks for httpx2 (not on every index yet); httpx works
    warnings.simplefilter("ignore")
    import fastapi.testclient  # noqa: F401

DRUGS: Mapping[str, Mapping[str, Any]] = {
    "fulzerasib": {"targets": ["KRAS G12C"], "originator": "GenFleet", "modality": "small molecule"},
    "garsorasib": {"targets": ["KRAS G12C"], "originator": "InventisBio", "modality": "small molecule"},
    "glecirasib": {"targets": ["KRAS G12C"], "originator": "Jacobio", "modality": "small molecule"},
    "sotorasib": {"targets": ["KRAS G12C"], "originator": "Amgen", "modality": "small molecule"},
    "adagrasib": {"targets": ["KRAS G12C"], "originator": "Mirati", "modality": "small molecule"},
    "rocatinlimab": {"targets": ["OX40"], "originator": "Kyowa Kirin", "modality": "antibody"},
}
ALIASES: Mapping[str, tuple[str, ...]] = {"fulzerasib": ("GFH925", "IBI351"), "garsorasib": ("D-1553",),
                                          "rocatinlimab": ("KHK4083",)}
COMPANIES = {"GenFleet": "CN", "InventisBio": "CN", "Jacobio": "CN", "Innovent": "CN", "Chia Tai Tianqing": "CN",
             "BeiGene": "CN", "Zai Lab": "CN", "Amgen": "US", "Mirati": "US", "Kyowa Kirin": "JP"}
TARGETS = ("KRAS G12C", "OX40")


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    published: str
    text: str
    facts: Sequence[tuple[str, Mapping[str, Any], str]]  # (type, fields, the sentence stating it)


ARTICLES = (
    Article("kras-01", "Amgen gives BeiGene the China rights to sotorasib", "2019-11-01",
            "Amgen and BeiGene signed a broad oncology pact on Thursday. Under it, BeiGene takes the China rights "
            "to sotorasib, Amgen's KRAS G12C inhibitor. Analysts called it a bet on China.",
            [("license", {"drug": "sotorasib", "licensor": "Amgen", "licensee": "BeiGene", "territory": "China",
                          "date": "2019-10-31"}, "Under it, BeiGene takes the China rights to sotorasib")]),
    Article("kras-02", "Zai Lab pays $65m for adagrasib in Greater China", "2021-06-01",
            "Zai Lab will pay Mirati $65 million upfront for adagrasib rights in Greater China. The deal carries "
            "up to $273 million in milestones.",
            [("license", {"drug": "adagrasib", "licensor": "Mirati", "licensee": "Zai Lab",
                          "territory": "Greater China", "upfront_usd": 65_000_000, "milestones_usd": 273_000_000,
                          "date": "2021-05-28"}, "Zai Lab will pay Mirati $65 million upfront")]),
    Article("kras-03", "Innovent licenses GFH925 from GenFleet", "2021-09-15",
            "GenFleet has licensed GFH925 to Innovent for mainland China, Hong Kong, Macau and Taiwan. "
            "GFH925 blocks KRAS G12C.",
            [("license", {"drug": "fulzerasib", "licensor": "GenFleet", "licensee": "Innovent",
                          "territory": "Greater China", "date": "2021-09"}, "GenFleet has licensed GFH925")]),
    Article("kras-04", "China accepts the fulzerasib filing", "2023-11-30",
            "The NMPA has accepted Innovent's new drug application for fulzerasib in China. A decision could come "
            "next year.",
            [("regulatory_submission", {"drug": "fulzerasib", "agency": "NMPA", "territory": "China",
                                        "date": "2023-11"}, "The NMPA has accepted Innovent's new drug application")]),
    Article("kras-05", "Garsorasib filed in China", "2023-12-20",
            "Chia Tai Tianqing filed D-1553 with the NMPA this week. The company licensed the drug from InventisBio "
            "in August.",
            [("regulatory_submission", {"drug": "garsorasib", "agency": "NMPA", "territory": "China",
                                        "date": "2023-12"}, "Chia Tai Tianqing filed D-1553 with the NMPA"),
             ("license", {"drug": "garsorasib", "licensor": "InventisBio", "licensee": "Chia Tai Tianqing",
                          "territory": "China", "date": "2023-08"}, "The company licensed the drug from InventisBio")]),
    Article("kras-06", "Glecirasib NDA accepted", "2024-05-29",
            "Jacobio said China's regulator accepted its glecirasib application in May.",
            [("regulatory_submission", {"drug": "glecirasib", "agency": "NMPA", "territory": "China",
                                        "date": "2024-05-06"}, "Jacobio said China's regulator accepted")]),
    Article("kras-07", "China approves fulzerasib, its first KRAS G12C drug", "2024-08-21",
            "Innovent's fulzerasib won approval from the NMPA on Tuesday. It is the first KRAS G12C inhibitor "
            "approved in China.",
            [("approval", {"drug": "fulzerasib", "agency": "NMPA", "territory": "China", "date": "2024-08-20"},
              "Innovent's fulzerasib won approval from the NMPA on Tuesday.")]),
    Article("kras-08", "Garsorasib becomes China's second KRAS G12C drug", "2024-11-07",
            "The NMPA approved garsorasib this week, after fulzerasib in August.",
            [("approval", {"drug": "garsorasib", "agency": "NMPA", "territory": "China", "date": "2024-11-05"},
              "The NMPA approved garsorasib this week")]),
    Article("ox40-01", "Amgen pays $400m for KHK4083", "2021-06-02",
            "Amgen will pay Kyowa Kirin $400 million upfront for rights to KHK4083 outside Japan.",
            [("license", {"drug": "rocatinlimab", "licensor": "Kyowa Kirin", "licensee": "Amgen",
                          "territory": "worldwide except Japan", "upfront_usd": 400_000_000, "date": "2021-06-01"},
              "Amgen will pay Kyowa Kirin $400 million upfront")]),
    Article("ox40-02", "Amgen hands rocatinlimab back", "2026-01-31",
            "Amgen is returning rocatinlimab to Kyowa Kirin. The Japanese firm regains worldwide rights.",
            [("rights_return", {"drug": "rocatinlimab", "from": "Amgen", "to": "Kyowa Kirin",
                                "territory": "worldwide", "date": "2026-01-30"}, "Amgen is returning rocatinlimab")]),
)


def _names() -> dict[tuple[EntityKind, str], tuple[str, ...]]:
    out: dict[tuple[EntityKind, str], tuple[str, ...]] = {}
    for d in DRUGS:
        out[(EntityKind.DRUG, d)] = (d, *ALIASES.get(d, ()))
    for c in COMPANIES:
        out[(EntityKind.COMPANY, c)] = (c,)
    for t in TARGETS:
        out[(EntityKind.TARGET, t)] = (t,)
    return out


def reading(article: Article) -> Reading:
    """The article as a Document with its mentions, entities and facts (evidence = the stating sentence)."""
    doc = Document(text=article.text, id=article.id, title=article.title, url=f"https://example.test/{article.id}",
                   published=date.fromisoformat(article.published), source="web-fixture")
    mentions: list[Mention] = []
    entities: list[Entity] = []
    for (kind, name), surfaces in _names().items():
        found = False
        for surface in surfaces:
            for m in re.finditer(re.escape(surface), article.text):
                mentions.append(Mention(m.start(), m.end(), surface, kind, name))
                found = True
        if found or any(name in f[1].values() for f in article.facts):
            attrs: dict[str, Any] = dict(DRUGS.get(name, {})) if kind == EntityKind.DRUG else (
                {"country": COMPANIES[name]} if kind == EntityKind.COMPANY else {})
            entities.append(Entity(kind, name, ALIASES.get(name, ()), attrs))
    events = []
    for type_, fields, sentence in article.facts:
        start = article.text.index(sentence)
        end = article.text.find(".", start + len(sentence) - 1) + 1 or len(article.text)
        events.append(Event(type_, Status.HAPPENED, dict(fields),
                            Evidence(doc.id, start, end, article.text[start:end], "web-fixture-1")))
    mentions.sort(key=lambda m: (m.start, m.end))
    return Reading(doc, mentions=tuple(mentions), entities=tuple(entities), events=tuple(events))


def fill(store: Store, articles: Sequence[Article] = ARTICLES) -> None:
    with store.begin() as conn:
        store.writer.add(conn, [DocumentRecord(r.document, "text", origin="fixture", reading=r,
                                               extractor="web-fixture-1") for r in map(reading, articles)])


HOSTILE_TEXT = (
    "Amgen <script>window.__pwned = 1; document.title = 'pwned'</script> reported that rocatinlimab "
    "trials go on. <img src=x onerror=\"window.__pwned = 2\"> Kyowa Kirin said \"</textarea><svg onload=alert(1)>\" "
    "was nothing to worry about & that KRAS G12C work continues.\n\nAmgen will pay Kyowa Kirin $5 million upfront "
    "for rocatinlimab rights in Canada.\n"
)
HOSTILE_META = ('{"url": "https://example.test/hostile\\"><script>alert(1)</script>", "title": '
                '"<script>window.__pwned = 3</script>Hostile <b>title</b>", "published": "2026-02-01", '
                '"source": "<img src=x onerror=alert(1)>"}')


def ingest_hostile(store: Store, folder: Path) -> None:
    """Ingest (through the real reader) an article whose text and metadata carry script payloads."""
    from racecard.ingest.run import ingest

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "901.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    (folder / "901.meta.json").write_text(HOSTILE_META, encoding="utf-8")
    summary = ingest([folder], store=store)
    assert not summary.failed, summary.failed


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    base = tmp_path_factory.mktemp("web")
    store = Store(f"sqlite:///{base / 'web.db'}")
    fill(store)
    ingest_hostile(store, base / "hostile")
    yield store
    store.close()


@pytest.fixture
def fresh_store(tmp_path: Path) -> Iterator[Store]:
    """A store of the fixture articles only, for tests that write."""
    store = Store(f"sqlite:///{tmp_path / 'fresh.db'}")
    fill(store)
    yield store
    store.close()


@pytest.fixture
def reread() -> Callable[[Store, Sequence[str]], None]:
    """Re-read fixture documents as a newer extractor would (the store's replace_reading)."""

    def run(store: Store, ids: Sequence[str]) -> None:
        with store.begin() as conn:
            for a in ARTICLES:
                if a.id in ids:
                    r = reading(a)
                    store.writer.replace_reading(conn, r.document, r, "web-fixture-2")

    return run


@pytest.fixture
def filler() -> Callable[[Store], None]:
    """:func:`fill`, for test modules (importlib mode cannot import this conftest)."""
    return fill
