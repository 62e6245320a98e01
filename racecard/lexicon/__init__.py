"""The reference vocabulary at run time: terms, entity attributes and INN stems.

``load()`` reads the compiled package data (see FORMAT.md) once per process. Tests
build a :class:`Lexicon` from in-memory terms with :meth:`Lexicon.of`.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from racecard.errors import LexiconError
from racecard.model import Entity, EntityKind

__all__ = ["Lexicon", "Stem", "Term", "TermStatus", "load"]


class TermStatus(IntEnum):
    """How a surface form relates to its entity; lower is stronger when two entities claim a form."""

    CURATED = 0
    NAME = 1
    BRAND = 2
    CODE = 3
    TICKER = 4
    SYNONYM = 5
    ABBREVIATION = 6

    @classmethod
    def parse(cls, text: str) -> TermStatus:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise LexiconError(f"unknown term status {text!r}") from None


@dataclass(frozen=True, slots=True)
class Term:
    """One surface form of one canonical entity, with where it came from."""

    kind: EntityKind
    name: str
    text: str
    status: TermStatus = TermStatus.NAME
    source: str = "curated"
    cased: bool = False


@dataclass(frozen=True, slots=True)
class Stem:
    """A WHO INN stem: names ending (or containing) it belong to a class of drugs."""

    stem: str
    position: str
    meaning: str
    modality: str = ""


@dataclass(slots=True)
class Lexicon:
    """Terms to match, attributes of canonical entities, and INN stems."""

    terms: list[Term]
    attributes: dict[tuple[EntityKind, str], dict[str, Any]] = field(default_factory=dict)
    stems: list[Stem] = field(default_factory=list)

    @classmethod
    def of(
        cls,
        terms: Iterable[Term | tuple[str, str, str]],
        attributes: Mapping[tuple[str, str], Mapping[str, Any]] | None = None,
        stems: Iterable[Stem] = (),
    ) -> Lexicon:
        """A lexicon from in-memory terms: ``Term`` objects or ``(kind, name, text)`` triples."""
        built = [t if isinstance(t, Term) else Term(EntityKind(t[0]), t[1], t[2]) for t in terms]
        attrs = {(EntityKind(k), n): dict(v) for (k, n), v in (attributes or {}).items()}
        return cls(built, attrs, list(stems))

    def attrs(self, kind: EntityKind, name: str) -> dict[str, Any]:
        return self.attributes.get((kind, name), {})

    def entity(self, kind: EntityKind, name: str) -> Entity:
        aliases = tuple(sorted({t.text for t in self.terms if t.kind == kind and t.name == name}))
        return Entity(kind, name, aliases, self.attrs(kind, name))


def _read_tsv(raw: bytes, what: str) -> list[dict[str, str]]:
    text = raw.decode("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    try:
        return list(csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE))
    except csv.Error as exc:
        raise LexiconError(f"{what}: {exc}") from exc


def _data(name: str) -> bytes:
    override = os.environ.get("RACECARD_LEXICON")
    try:
        if override:
            return (Path(override) / name).read_bytes()
        return resources.files("racecard.lexicon").joinpath("data", name).read_bytes()
    except FileNotFoundError:
        raise LexiconError(
            f"lexicon file {name} is missing from {override or 'the package data'}; rebuild it with `make lexicon`"
        ) from None


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The packaged lexicon (or the one in ``$RACECARD_LEXICON``, a folder), read once per process."""
    terms: list[Term] = []
    for n, row in enumerate(_read_tsv(gzip.decompress(_data("terms.tsv.gz")), "terms.tsv.gz"), 2):
        try:
            terms.append(
                Term(
                    EntityKind(row["kind"]),
                    row["name"],
                    row["text"],
                    TermStatus.parse(row["status"]),
                    row["source"],
                    row["cased"] == "1",
                )
            )
        except (KeyError, ValueError) as exc:
            raise LexiconError(f"terms.tsv.gz line {n}: {exc}") from exc
    attributes: dict[tuple[EntityKind, str], dict[str, Any]] = {}
    for n, line in enumerate(gzip.decompress(_data("entities.jsonl.gz")).decode("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            attributes[(EntityKind(obj["kind"]), obj["name"])] = obj.get("attrs") or {}
        except (KeyError, ValueError) as exc:
            raise LexiconError(f"entities.jsonl.gz line {n}: {exc}") from exc
    stems = [
        Stem(r["stem"], r.get("position") or "suffix", r.get("meaning") or "", r.get("modality") or "")
        for r in _read_tsv(_data("stems.tsv"), "stems.tsv")
    ]
    return Lexicon(terms, attributes, stems)
