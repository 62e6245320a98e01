"""The reference vocabulary at run time: terms, entity attributes and INN stems.

``load()`` reads the compiled package data (see FORMAT.md) once per process. Tests
build a :class:`Lexicon` from in-memory terms with :meth:`Lexicon.of`.
"""

from __future__ import annotations

import csv
import gc
import gzip
import io
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import IntEnum
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from racecard.errors import LexiconError
from racecard.model import Entity, EntityKind

__all__ = ["Lexicon", "Stem", "Term", "TermStatus", "curated_stems", "load"]


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


class Term(NamedTuple):
    """One surface form of one canonical entity, with where it came from (a tuple: thousands load fast)."""

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
    """Terms to match, attributes of canonical entities, and INN stems.

    ``raw_attributes`` holds attributes still as JSON text, parsed on first use, so that
    loading the lexicon does not decode tens of thousands of objects nobody asks for.
    """

    terms: list[Term]
    attributes: dict[tuple[EntityKind, str], dict[str, Any]] = field(default_factory=dict)
    stems: list[Stem] = field(default_factory=list)
    raw_attributes: dict[tuple[EntityKind, str], str] = field(default_factory=dict)

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
        """The attributes of one entity (targets, modality, country …), empty when none are known."""
        key = (kind, name)
        found = self.attributes.get(key)
        if found is None:
            raw = self.raw_attributes.pop(key, None)
            if raw is None:
                return {}
            try:
                found = json.loads(raw).get("attrs") or {}
            except ValueError as exc:
                raise LexiconError(f"entities.jsonl.gz: attributes of {kind.value} {name!r}: {exc}") from exc
            self.attributes[key] = found
        return found

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


_KINDS = {k.value: k for k in EntityKind}
_STATUSES = {s.name.lower(): s for s in TermStatus}
_KEY = re.compile(r'"kind":\s*"(?P<kind>[a-z]+)",\s*"name":\s*(?P<name>"(?:[^"\\\\]|\\\\.)*")\s*}\s*$')


def _terms(raw: bytes) -> list[Term]:
    lines = gzip.decompress(raw).decode("utf-8").split("\n")
    header = lines[0].split("\t")
    if header[:6] != ["kind", "name", "text", "status", "source", "cased"]:
        raise LexiconError(f"terms.tsv.gz: unexpected header {header!r}")
    terms: list[Term] = []
    append = terms.append
    for n, line in enumerate(lines[1:], 2):
        if not line or line[0] == "#":
            continue
        parts = line.split("\t")
        try:
            append(Term(_KINDS[parts[0]], parts[1], parts[2], _STATUSES[parts[3]], parts[4], parts[5] == "1"))
        except (KeyError, IndexError) as exc:
            raise LexiconError(f"terms.tsv.gz line {n}: bad field {exc}") from exc
    return terms


def _raw_attributes(raw: bytes) -> dict[tuple[EntityKind, str], str]:
    out: dict[tuple[EntityKind, str], str] = {}
    for n, line in enumerate(gzip.decompress(raw).decode("utf-8").split("\n"), 1):
        if not line.strip():
            continue
        m = _KEY.search(line)
        try:
            if m and m.group("kind") in _KINDS:
                out[(_KINDS[m.group("kind")], json.loads(m.group("name")))] = line
            else:
                obj = json.loads(line)
                out[(EntityKind(obj["kind"]), obj["name"])] = line
        except (KeyError, ValueError) as exc:
            raise LexiconError(f"entities.jsonl.gz line {n}: {exc}") from exc
    return out


@lru_cache(maxsize=1)
def curated_stems() -> tuple[Stem, ...]:
    """The hand-checked stems of recent INN families (curated/stems.tsv): distinctive enough to
    recognise a new drug name by, unlike many short WHO stems ("-ine", "-crine")."""
    try:
        raw = resources.files("racecard.lexicon").joinpath("curated", "stems.tsv").read_bytes()
    except FileNotFoundError:
        return ()
    return tuple(
        Stem(r["stem"], r.get("position") or "suffix", r.get("meaning") or "", r.get("modality") or "")
        for r in _read_tsv(raw, "curated/stems.tsv")
    )


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """The packaged lexicon (or the one in ``$RACECARD_LEXICON``, a folder), read once per process."""
    enabled = gc.isenabled()
    gc.disable()  # many small objects, none cyclic: collecting while loading only costs time
    try:
        terms = _terms(_data("terms.tsv.gz"))
        raw_attributes = _raw_attributes(_data("entities.jsonl.gz"))
    finally:
        if enabled:
            gc.enable()
    stems = [
        Stem(r["stem"], r.get("position") or "suffix", r.get("meaning") or "", r.get("modality") or "")
        for r in _read_tsv(_data("stems.tsv"), "stems.tsv")
    ]
    return Lexicon(terms, {}, stems, raw_attributes)
