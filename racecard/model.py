"""Racecard's core data model: plain frozen dataclasses, no behaviour beyond derivation.

A :class:`Document` owns the text. Everything read from it — sentences, mentions,
facts — points back into that text by character offsets, so every fact can be
highlighted at its source (``document.text[start:end] == quote``).

    Document ──► Span (sentence) ──► Mention ──► Entity
                                  └► Evidence ──► Event
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any


class EntityKind(StrEnum):
    """What an entity is; the plural is the key used in ``racecard extract`` output."""

    DRUG = "drug"
    COMPANY = "company"
    TARGET = "target"
    INDICATION = "indication"
    TRIAL = "trial"
    AGENCY = "agency"
    TERRITORY = "territory"

    @property
    def plural(self) -> str:
        return {"company": "companies", "agency": "agencies", "territory": "territories"}.get(
            self.value, self.value + "s"
        )


class Status(StrEnum):
    """Whether an event happened, according to the sentence that reports it."""

    HAPPENED = "happened"
    PLANNED = "planned"
    EXPECTED = "expected"
    FAILED = "failed"


def content_hash(text: str) -> str:
    """The SHA-256 of a text, hex: a document's identity for exact duplicates."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Document:
    """One article, filing or record, with its metadata."""

    text: str
    id: str = ""
    url: str | None = None
    title: str | None = None
    published: date | None = None
    source: str | None = None
    fetched: datetime | None = None
    hash: str = ""

    def __post_init__(self) -> None:
        if not self.hash:
            object.__setattr__(self, "hash", content_hash(self.text))
        if not self.id:
            object.__setattr__(self, "id", self.hash[:16])


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document's text: ``text[start:end]``."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}:{self.end}")

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Mention:
    """A surface form of an entity in a document, grounded to a canonical name.

    ``how`` says why it was recognised (``lexicon:curated``, ``code-pattern``,
    ``inn-stem``, ``company-shape``, ``defined-alias`` …), so grounding explains itself.
    """

    start: int
    end: int
    text: str
    kind: EntityKind
    name: str
    how: str = "lexicon"
    score: float = 1.0

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Entity:
    """A canonical drug, company, target, indication, trial, agency or territory."""

    kind: EntityKind
    name: str
    aliases: tuple[str, ...] = ()
    attributes: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: the document, the character span and the exact quote."""

    document: str
    start: int
    end: int
    quote: str
    extractor: str = ""

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)


@dataclass(frozen=True, slots=True)
class Event:
    """A fact in the shape of the corpus schema: a type, a status and typed fields.

    ``fields`` holds the schema's keys (``drug``, ``licensor``, ``upfront_usd``,
    ``date`` …); ``evidence`` is the best sentence, ``support`` any others.
    """

    type: str
    status: Status
    fields: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False)
    evidence: Evidence | None = None
    support: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class Reading:
    """All that was read from one document."""

    document: Document
    sentences: tuple[Span, ...] = ()
    furniture: tuple[Span, ...] = ()
    mentions: tuple[Mention, ...] = ()
    entities: tuple[Entity, ...] = ()
    events: tuple[Event, ...] = ()

    def entities_of(self, kind: EntityKind) -> tuple[Entity, ...]:
        return tuple(e for e in self.entities if e.kind == kind)

    def mentions_of(self, name: str, kind: EntityKind | None = None) -> tuple[Mention, ...]:
        return tuple(m for m in self.mentions if m.name == name and (kind is None or m.kind == kind))
