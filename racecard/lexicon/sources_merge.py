"""Merging source concepts into entities and deciding which entity owns a surface form.

Concepts of one kind are merged when they share an identifier, when one links to another by an
unambiguous cross-reference, or when their canonical names are equal. A merge is refused when
it would join two curated entities or two records of the same exclusive namespace (two DrugBank
drugs, two HGNC genes, two MONDO diseases, two SEC issuers): that stops chains of loose
cross-references from welding unrelated things together.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from racecard.lexicon.sources_common import SOURCE_RANK, STATUS_RANK, Concept, Form, is_code, key
from racecard.lexicon.sources_diseases import SWAPPABLE, tokens

#: Id namespaces of which one entity may hold at most one value.
EXCLUSIVE = {
    "drug": ("drugbank:",),  # ChEMBL has one id per salt form, so it is not exclusive
    "indication": ("MONDO:", "DOID:"),
    "target": ("hgnc:", "fplx:"),
    "company": ("cik:",),
}
KIND_ORDER = ("agency", "territory", "company", "drug", "target", "indication")


@dataclass(slots=True)
class Entity:
    kind: str
    name: str
    members: list[Concept]
    forms: dict[str, Form] = field(default_factory=dict)  # key -> best form
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def curated(self) -> bool:
        return any(c.source == "curated" for c in self.members)


class _Groups:
    def __init__(self, concepts: list[Concept], kind: str) -> None:
        self.kind = kind
        self.parent = list(range(len(concepts)))
        self.excl: list[dict[str, str]] = []
        self.cur: list[bool] = []
        prefixes = EXCLUSIVE.get(kind, ())
        for c in concepts:
            ex: dict[str, str] = {}
            for i in sorted(c.ids):
                for p in prefixes:
                    if i.startswith(p):
                        ex.setdefault(p, i)
            self.excl.append(ex)
            self.cur.append(c.source == "curated")

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int, *, by_name: bool = False) -> bool:
        """Join two groups. Two curated entities never join; two holders of different ids of an
        exclusive namespace join only on an equal name (``by_name``), not on a cross-reference."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self.cur[ra] and self.cur[rb]:
            return False
        ea, eb = self.excl[ra], self.excl[rb]
        if (not by_name or self.kind == "drug") and any(p in eb and eb[p] != v for p, v in ea.items()):
            return False  # two DrugBank drugs never join, even by name (salts, bad joins upstream)
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.excl[ra] = {**eb, **ea}
        self.cur[ra] = self.cur[ra] or self.cur[rb]
        return True


def merge(concepts: list[Concept], kind: str) -> list[Entity]:
    """Merge one kind's concepts (in a deterministic order) into entities."""
    concepts = sorted(concepts, key=lambda c: (c.quality, SOURCE_RANK.get(c.source, 99), c.name, sorted(c.ids)))
    g = _Groups(concepts, kind)
    owners: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(concepts):
        for x in sorted(c.ids):
            owners[x].append(i)
    for idx in owners.values():
        for j in idx[1:]:
            g.union(idx[0], j)
    linkers: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(concepts):
        for x in sorted(c.links):
            linkers[(x, c.source)].append(i)
    for (x, _src), idx in sorted(linkers.items()):
        if len(idx) == 1 and owners.get(x) and _similar(concepts[owners[x][0]], concepts[idx[0]]):
            g.union(owners[x][0], idx[0])
    by_name: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(concepts):
        if c.source != "curated":
            by_name[key(c.name)].append(i)
    for idx in by_name.values():
        for j in idx[1:]:
            g.union(idx[0], j, by_name=True)
    _absorb(concepts, g)
    groups: dict[int, list[Concept]] = defaultdict(list)
    for i, c in enumerate(concepts):
        groups[g.find(i)].append(c)
    return [_entity(kind, members) for _, members in sorted(groups.items())]


def _absorb(concepts: list[Concept], g: _Groups) -> None:
    """Curated entities absorb the open records they name: by an open record's name, code or
    brand, or by a synonym that only one open entity claims ("non-small cell lung cancer")."""
    strong: dict[str, set[int]] = defaultdict(set)
    weak: dict[str, set[int]] = defaultdict(set)
    for i, c in enumerate(concepts):
        if c.source == "curated":
            continue
        root = g.find(i)
        strong[key(c.name)].add(root)
        for f in c.forms:
            (strong if f.status in ("name", "code", "brand") else weak)[key(f.text)].add(root)
    for i, c in enumerate(concepts):
        if c.source != "curated":
            continue
        keys = {key(c.name)} | {key(f.text) for f in c.forms if f.status in ("curated", "code", "brand")}
        for k in sorted(keys):
            roots = strong.get(k) or (weak[k] if len(weak.get(k, ())) == 1 else set())
            for r in sorted(roots):
                g.union(i, r, by_name=True)


def _word_sets(c: Concept) -> set[frozenset[str]]:
    return {tokens(f.text) - SWAPPABLE for f in c.forms} | {tokens(c.name) - SWAPPABLE}


def _similar(a: Concept, b: Concept) -> bool:
    """A cross-reference is trusted when the two records share a name up to word order, plural
    and swappable words: ontology xrefs sometimes point at a broader or unrelated heading. A drug
    link (NCIt → ChEMBL) is trusted when the names are equal or one is a research code ("D-1553"
    → garsorasib); pharmOncoX gives NCIt "Mycophenolic Acid" the ChEMBL id of progesterone."""
    if a.kind == "drug":
        return key(a.name) == key(b.name) or is_code(a.name) or is_code(b.name)
    return bool((_word_sets(a) & _word_sets(b)) - {frozenset()})


def _entity(kind: str, members: list[Concept]) -> Entity:
    kept = {key(f.text) for c in members for f in c.forms}

    def rank(c: Concept) -> tuple[int, bool, bool, int, int, str]:
        # prefer a name that passed the filters ("limonene" over "limonene, (+/-)-"), then an
        # INN over a code, then the better source
        code_name = kind == "drug" and is_code(c.name)
        return (0 if c.source == "curated" else 1, key(c.name) not in kept, code_name, c.quality,
                SOURCE_RANK.get(c.source, 99), c.name)

    best = min(members, key=rank)
    e = Entity(kind, best.name, members)
    for c in members:
        for f in c.forms:
            k = key(f.text)
            old = e.forms.get(k)
            if old is None or _form_rank(f) < _form_rank(old):
                e.forms[k] = f
    if kind == "drug":
        _one_code_spelling(e)
    return e


def _one_code_spelling(e: Entity) -> None:
    """Keep one spelling of each open-data research code ("NS-1619", "NS 1619", "NS1619"): the
    matcher generates the spacing and hyphen variants (FORMAT.md). Curated codes all stay."""
    best: dict[str, tuple[str, Form]] = {}
    for k, f in sorted(e.forms.items()):
        if f.status != "code" or f.source == "curated":
            continue
        ck = re.sub(r"[\s\-]", "", k)
        rank = (f.text != e.name, _form_rank(f))
        if ck not in best or rank < (best[ck][1].text != e.name, _form_rank(best[ck][1])):
            best[ck] = (k, f)
    keep = {k for k, _ in best.values()}
    curated = {re.sub(r"[\s\-]", "", k) for k, f in e.forms.items() if f.source == "curated"}
    for k, f in list(e.forms.items()):
        if f.status == "code" and f.source != "curated" and (
                k not in keep or re.sub(r"[\s\-]", "", k) in curated):
            del e.forms[k]


def _form_rank(f: Form) -> tuple[int, int, int, str]:
    return (0 if f.source == "curated" else 1, STATUS_RANK[f.status], SOURCE_RANK.get(f.source, 99), f.text)


def resolve_conflicts(entities: list[Entity]) -> dict[str, int]:
    """Give each surface form (by case-insensitive key) to one entity, except what curated says.

    Curated rows always stay (so "AD" may be two curated indications, and a text may be both a
    company and a drug when curated lists it so); when a curated row holds a key, open rows for
    it go. Among open rows the best status wins; a tie between different entities at synonym
    level is ambiguous and dropped, at a higher status the better source keeps it.
    Returns counts of dropped rows by reason.
    """
    claims: dict[str, list[tuple[Entity, Form]]] = defaultdict(list)
    for e in entities:
        for k, f in e.forms.items():
            claims[k].append((e, f))
    dropped: dict[str, int] = defaultdict(int)
    for k, rows in claims.items():
        if len(rows) == 1:
            continue
        curated = [r for r in rows if r[1].source == "curated"]
        if curated:
            losers = [r for r in rows if r[1].source != "curated"]
            dropped["owned by curated"] += len(losers)
        else:
            rows.sort(key=lambda r: (_form_rank(r[1]), KIND_ORDER.index(r[0].kind), r[0].name))
            top = STATUS_RANK[rows[0][1].status]
            tied = {id(r[0]) for r in rows if STATUS_RANK[r[1].status] == top}
            if len(tied) > 1 and rows[0][1].status in ("synonym", "abbreviation"):
                losers = rows
                dropped["ambiguous synonym"] += len(rows)
            else:
                losers = rows[1:]
                dropped["lower status or source"] += len(losers)
        for e, _f in losers:
            e.forms.pop(k, None)
    return dict(dropped)
