"""Indication concepts from MONDO, the Disease Ontology, EFO (disease branch), MeSH disease
descriptors (trees C and F03) and the fastdatascience mner dictionary.

Concepts are linked by ontology cross-references (MONDO → DOID, EFO, MeSH), merged in build.py.
Abbreviations are never taken from open data (NSCLC, AD ...): they come from the curated table.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

from racecard.lexicon.sources_common import (
    Concept,
    has_bad_chars,
    is_numeric,
    looks_abbreviation,
    n_words,
    read_tsv,
    require,
    split_list,
    zipf,
)

#: Words too generic to stand for one indication (as a synonym of something else).
GENERIC = frozenset(
    """disease diseases disorder disorders syndrome syndromes cancer cancers tumor tumors tumour tumours
    neoplasm neoplasms carcinoma carcinomas infection infections condition conditions lesion lesions pain
    inflammation malignancy malignancies injury injuries illness illnesses sickness defect defects
    anomaly anomalies deficiency abnormality abnormalities cyst cysts fever toxicity poisoning
    allergy dependence growth mass adenoma polyp ulcer failure""".split()
)
#: Names kept although generic: the brief keeps "cancer" as its own indication.
GENERIC_NAMES_KEPT = frozenset({"cancer"})
_XREF_PREFIXES = ("DOID:", "EFO:", "MESH:", "MONDO:")
_JUNK = re.compile(
    r"\b(NOS|obsolete|unspecified|other|not otherwise|susceptibility|associated|without mention|with mention|"
    r"not elsewhere|classified|finding|history of|experimental)\b|\bor\b|\s-\s",
    re.I,
)
#: Words mner and MeSH swap freely between variants of one disease name.
SWAPPABLE = frozenset(
    """cancer neoplasm tumor tumour carcinoma malignant disease disorder syndrome the of primary""".split()
)


_NUMBERING = re.compile(r"^(\d+[a-z]?|[ivx]+|[IVX]+)$")
_HEADS = frozenset({"disease", "syndrome", "complex", "association", "disorder"})


def indication_form_ok(text: str, status: str) -> bool:
    """Disease forms: at least 4 characters, no abbreviations, no inverted ("carcinoma, lung")
    or qualified ("(disorder)", "NOS") forms, not a generic word, not a common English word
    as a synonym."""
    if len(text) < 4 or has_bad_chars(text) or is_numeric(text):
        return False
    if any(c in text for c in "(),:/") or n_words(text) > 8:
        return False
    if looks_abbreviation(text) or _JUNK.search(text) or not any(c.islower() for c in text):
        return False
    folded = text.casefold()
    if folded in GENERIC_NAMES_KEPT and status in ("name", "curated"):
        return True
    if folded in GENERIC:
        return False
    if n_words(text) == 1 and status in ("name", "curated"):
        return zipf(text) <= 4.4  # "death", "complete", "shock" are words before they are diseases
    if n_words(text) == 1:  # a one-word synonym: lower-cased acronyms ("papa", "chai") and words
        return len(text) >= 6 and zipf(text) <= 3.0
    words = text.split()
    plain = [w for w in words if not _NUMBERING.match(w)]
    if len(plain) < len(words) and all(zipf(w) > 4.5 for w in plain):
        return False  # "men 1", "park 9", "catch 22", "Ring 3": an acronym or phrase with a number
    # "Still disease", "Her disease": read as prose ("still disease-free")
    return not (len(words) == 2 and words[1].casefold() in _HEADS and zipf(words[0]) > 4.5)


def tokens(text: str) -> frozenset[str]:
    """Word set for comparing disease names: lower case, hyphens split, plural "s" dropped."""
    out = set()
    for w in re.split(r"[\s\-]+", text.casefold().replace("'s", "").replace("’s", "")):
        w = w.strip(".,")
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        if w:
            out.add(w)
    return frozenset(out)


def same_words(a: str, b: str) -> bool:
    """True when two disease names use the same words, up to the swappable ones
    ("Carcinoma, Non-Small-Cell Lung" / "non-small cell lung cancer")."""
    ta, tb = tokens(a) - SWAPPABLE, tokens(b) - SWAPPABLE
    return bool(ta) and ta == tb


def title_to_plain(name: str) -> str:
    """EFO/MeSH names in Title Case ("Kidney Cyst") become plain lower-case words."""
    words = name.split()
    if len(words) >= 2 and all(w[:1].isupper() for w in words if w[:1].isalpha()):
        return plain_name(name)
    return name


def plain_name(name: str) -> str:
    """MeSH-style "Dermatitis, Atopic" → "atopic dermatitis"; acronyms and mixed-case words
    ("HIV", "IgA") keep their case, other words are lower-cased."""
    parts = [p.strip() for p in name.split(",")]
    if len(parts) == 2:
        name = f"{parts[1]} {parts[0]}"
    words = []
    for w in name.split():
        keep = sum(c.isupper() for c in w) >= 2 or (w[:1].isupper() and w.endswith("'s"))
        words.append(w if keep else w.lower())
    return " ".join(words)


def _obo(data: Path, folder: str, file: str, source: str, quality: int) -> Iterator[Concept]:
    rows = list(read_tsv(require(data / folder / file)))
    children: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        for p in split_list(r["is_a"]):
            children[p].append(r["id"])
    keep: set[str] | None = None
    if source == "efo":  # EFO holds more than diseases: keep the disease branch only
        keep = _subtree(children, "EFO:0000408")
    # MONDO's "disease characteristic" branch holds qualifiers ("acquired", "complete")
    drop = _subtree(children, "MONDO:0021125") if source == "mondo" else set()
    for r in rows:
        name = r["name"].strip()
        if not name or name.casefold().startswith("obsolete") or (keep is not None and r["id"] not in keep):
            continue
        if r["id"] in drop:
            continue
        name = title_to_plain(name)
        c = Concept("indication", name, source, quality=quality)
        c.ids.add(r["id"].upper())
        c.ids.update(a.upper() for a in split_list(r.get("alt_ids", "")))
        c.links.update(x.upper() for x in split_list(r["xrefs"]) if x.upper().startswith(_XREF_PREFIXES))
        c.links.discard(r["id"].upper())
        c.attrs["ids"] = {source: r["id"]}
        c.attrs["parent_ids"] = split_list(r["is_a"])
        c.add(name, "name")
        for s in split_list(r["synonyms"]):
            c.add(s, "synonym")
        yield c


def _subtree(children: dict[str, list[str]], root: str) -> set[str]:
    out: set[str] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if node not in out:
            out.add(node)
            todo.extend(children.get(node, []))
    return out


def read_mondo(data: Path) -> Iterator[Concept]:
    return _obo(data, "mondo", "mondo_terms.tsv.gz", "mondo", 10)


def read_doid(data: Path) -> Iterator[Concept]:
    return _obo(data, "disease-ontology", "doid_terms.tsv.gz", "doid", 20)


def read_efo(data: Path) -> Iterator[Concept]:
    return _obo(data, "efo", "efo_terms.tsv.gz", "efo", 30)


def _symptom_only(trees: list[str]) -> bool:
    """MeSH headings only under C23 (pathological conditions, signs and symptoms)."""
    disease_trees = [t for t in trees if t.startswith(("C", "F03"))]
    return bool(disease_trees) and all(t.startswith("C23") for t in disease_trees)


def read_mesh_diseases(data: Path) -> Iterator[Concept]:
    """MeSH descriptors in tree C (diseases) or F03 (mental disorders)."""
    path = require(data / "mesh" / "mesh_descriptors.tsv.gz")
    for r in read_tsv(path, header=False, columns=["id", "name", "entry_terms", "trees", "taxa"]):
        trees = split_list(r["trees"])
        if not any(t.startswith(("C", "F03")) for t in trees):
            continue
        if all(t.startswith(("C23.550", "C26", "F01", "N")) or not t.startswith(("C", "F03")) for t in trees):
            continue  # pathologic processes ("Death", "Recurrence") and injuries are not indications
        name = plain_name(r["name"])
        c = Concept("indication", name, "mesh", quality=40)
        c.ids.add("MESH:" + r["id"])
        if _symptom_only(trees):
            c.attrs["weak"] = True
        c.attrs["ids"] = {"mesh": r["id"]}
        c.add(name, "name")
        for s in split_list(r["entry_terms"]):
            c.add(plain_name(s) if "," in s else s, "synonym")
        yield c


def read_mner(data: Path) -> Iterator[Concept]:
    """mner: MeSH disease headings with generated un-inverted and plural variants."""
    folder = data / "mner-fastdatascience"
    variants: dict[str, list[str]] = defaultdict(list)
    for r in read_tsv(require(folder / "mner_disease_variants.tsv.gz")):
        variants[r["canonical_lc"]].append(r["variant_lc"])
    for r in read_tsv(require(folder / "mner_diseases.tsv.gz")):
        if not any(t.startswith(("C", "F03")) for t in split_list(r["mesh_tree"])):
            continue  # mner also holds behaviours, tests and therapies (other MeSH trees)
        name = plain_name(r["name"] or r["canonical_lc"])
        # mner's mesh_id is often another heading's (asthma → D018927), so it merges by name only
        c = Concept("indication", name, "mner", quality=50)
        if _symptom_only(split_list(r["mesh_tree"])):
            c.attrs["weak"] = True
        c.add(name, "name")
        for v in variants.get(r["canonical_lc"], []):
            # mner generates loose variants; keep those with the heading's own words
            if same_words(v, name):
                c.add(v, "synonym")
        yield c
