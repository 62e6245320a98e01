"""What is known about a drug or company apart from events: targets, originator, country.

The store keeps each entity's attributes as read (from the lexicon, at extraction
time) and links drugs to targets and originators; the packaged lexicon fills what the
store lacks. Both are optional: a store filled by hand has no lexicon behind it.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, select

from racecard.errors import LexiconError
from racecard.lexicon import Lexicon
from racecard.model import EntityKind
from racecard.store.schema import entities, entity_links
from racecard.views.facts import Names

__all__ = ["Company", "DrugProfile", "companies", "drug_profiles", "lexicon_attrs", "lexicon_drugs"]


@dataclass(frozen=True, slots=True)
class DrugProfile:
    name: str
    targets: tuple[str, ...]
    modality: str | None
    drug_class: str | None
    originator: str | None


@dataclass(frozen=True, slots=True)
class Company:
    name: str
    country: str | None
    parent: str | None


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon | None:
    try:
        from racecard.lexicon import load

        lexicon = load()
    except LexiconError:
        return None
    # The lexicon is hundreds of thousands of objects that live as long as the process: move
    # them out of the garbage collector's sight, or every full collection walks them all
    # (a board allocates enough to trigger one now and then: 50 ms of its 95th percentile).
    gc.collect()
    gc.freeze()
    return lexicon


def lexicon_attrs(kind: EntityKind, name: str) -> Mapping[str, Any]:
    """An entity's attributes in the packaged lexicon (empty without one)."""
    lexicon = _lexicon()
    return lexicon.attrs(kind, name) if lexicon is not None else {}


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


@lru_cache(maxsize=1)
def _drugs_by_target() -> Mapping[str, frozenset[str]]:
    """Target symbol or class label (folded) → the lexicon's drugs on it; built once per process."""
    lexicon = _lexicon()
    if lexicon is None:
        return {}
    index: dict[str, set[str]] = {}

    def add(name: str, attrs: Mapping[str, Any]) -> None:
        for key in (*_listed(attrs.get("targets")), *_listed(attrs.get("class"))):
            index.setdefault(_fold(key), set()).add(name)

    for (kind, name), attrs in list(lexicon.attributes.items()):
        if kind == EntityKind.DRUG:
            add(name, attrs)
    for (kind, name), text in list(lexicon.raw_attributes.items()):
        if kind == EntityKind.DRUG and ('"targets"' in text or '"class"' in text):
            try:
                add(name, json.loads(text).get("attrs") or {})
            except ValueError:
                continue  # the lexicon reports it when the entity itself is asked for
    return {k: frozenset(v) for k, v in index.items()}


def lexicon_drugs(target_or_class: str) -> frozenset[str]:
    """Canonical names of the drugs the lexicon lists on a target or in a class."""
    return _drugs_by_target().get(_fold(target_or_class), frozenset())


def _listed(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v]
    if isinstance(value, str) and value:
        return [v.strip() for v in value.split("|") if v.strip()]
    return []


def _text(value: Any) -> str | None:
    items = _listed(value)
    return items[0] if items else None


def drug_profiles(conn: Connection, ids: Mapping[str, Collection[int]], names: Names) -> dict[str, DrugProfile]:
    """Profiles of drugs, each given by canonical name → its entity ids (merges included)."""
    owner = {i: name for name, group in ids.items() for i in group}
    if not owner:
        return {}
    attrs: dict[str, dict[str, Any]] = {name: {} for name in ids}
    links: dict[str, dict[str, list[str]]] = {name: {} for name in ids}
    listed = sorted(owner)
    for i in range(0, len(listed), 500):
        chunk = listed[i : i + 500]
        query = select(entities.c.id, entities.c.attributes).where(entities.c.id.in_(chunk))
        for row in conn.execute(query).all():
            for k, v in (row.attributes or {}).items():
                attrs[owner[row.id]].setdefault(k, v)
        query = select(entity_links.c.entity_id, entity_links.c.relation, entity_links.c.other_id).where(
            entity_links.c.entity_id.in_(chunk)
        )
        rows = conn.execute(query).all()
        names.prime(r.other_id for r in rows)
        for r in rows:
            links[owner[r.entity_id]].setdefault(r.relation, []).append(names.name(r.other_id))
    out = {}
    for name in ids:
        a: dict[str, Any] = {**lexicon_attrs(EntityKind.DRUG, name), **attrs[name]}
        targets = list(dict.fromkeys([*links[name].get("target", []), *_listed(a.get("targets"))]))
        originator = _text(a.get("originator")) or next(iter(links[name].get("originator", [])), None)
        out[name] = DrugProfile(name, tuple(targets), _text(a.get("modality")), _text(a.get("class")), originator)
    return out


def companies(conn: Connection, wanted: Collection[str]) -> dict[str, Company]:
    """Country and parent of companies by canonical name (store attributes, else the lexicon)."""
    found: dict[str, dict[str, Any]] = {name: dict(lexicon_attrs(EntityKind.COMPANY, name)) for name in wanted}
    listed = sorted(set(wanted))
    for i in range(0, len(listed), 500):
        query = select(entities.c.name, entities.c.attributes).where(
            entities.c.kind == str(EntityKind.COMPANY), entities.c.name.in_(listed[i : i + 500])
        )
        for row in conn.execute(query).all():
            for k, v in (row.attributes or {}).items():
                if v not in (None, "", []):
                    found[row.name][k] = v
    return {
        name: Company(name, (_text(a.get("country")) or "").upper() or None, _text(a.get("parent")))
        for name, a in found.items()
    }
