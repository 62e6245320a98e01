"""Target concepts: drug targets only, not all 49k HGNC genes.

The target set is the union of genes named as targets of NCIt oncology drugs, ChEMBL human
single-protein targets, the targets of the therapeutic-mab table, FamPlex families and (in
build.py) the curated targets. Genes from the first three get their HGNC aliases; ChEMBL-only
genes get their approved symbol only, since ChEMBL lists every assayed protein.
"""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from racecard.lexicon.sources_common import (
    Concept,
    has_bad_chars,
    has_lower,
    is_numeric,
    n_words,
    read_tsv,
    require,
    split_list,
    zipf,
)

_GREEK = {"α": ("a", "alpha"), "β": ("b", "beta"), "γ": ("g", "gamma"), "δ": ("d", "delta"),
          "κ": ("k", "kappa"), "ε": ("e", "epsilon")}
_HYPHEN_CODE = re.compile(r"^([A-Za-z]{1,5})-(\d+[A-Za-z]{0,2})$")
_JOINED_CODE = re.compile(r"^([A-Z]{2,3})(\d+[A-Za-z]?)$")


@dataclass(frozen=True, slots=True)
class Gene:
    symbol: str
    hgnc_id: str
    name: str
    aliases: tuple[str, ...]
    previous: tuple[str, ...]
    uniprot: str


def read_hgnc(data: Path) -> dict[str, Gene]:
    """Approved HGNC genes by symbol."""
    genes: dict[str, Gene] = {}
    for row in read_tsv(require(data / "hgnc" / "hgnc_entries.tsv.gz")):
        if row["Status"] != "Approved":
            continue
        sym = row["Approved symbol"].strip()
        genes[sym] = Gene(
            sym, row["HGNC ID"], row["Approved name"].strip(),
            tuple(split_list(row["Alias symbols"], ",")), tuple(split_list(row["Previous symbols"], ",")),
            row["UniProt ID(supplied by UniProt)"].strip(),
        )
    return genes


def target_form_ok(text: str, status: str) -> bool:
    """Gene/target forms: at least 3 characters, no markup, not a number, no one-letter words,
    and no one-word form that is an English word or common acronym."""
    if len(text) < 3 or has_bad_chars(text) or is_numeric(text):
        return False
    if any(c in text for c in "(),;:") or n_words(text) > 6:
        return False
    if n_words(text) > 1 and any(len(w) == 1 for w in text.split()):
        return False  # "A beta", "G q alpha": match ordinary prose
    # one-word forms that are also words or news acronyms: aliases "CAT", "SET", "WAS"; approved
    # symbols "ADA", "ATM", "ACE"; family names "Hedgehog". Curated targets put back what matters
    # (MET, KIT are in targets.tsv).
    return not (n_words(text) == 1 and zipf(text) > 3.0)


def variants(text: str, *, hyphenate: bool = True) -> list[str]:
    """Surface variants news uses: PD-1/PD1, IL-4Rα/IL-4Ra/IL-4R alpha. ``hyphenate`` also
    turns "PD1" into "PD-1" (not done for HGNC symbols: nobody writes "ZNF-280D")."""
    out = [text]
    for g, (letter, word) in _GREEK.items():
        if g in text:
            out += [text.replace(g, letter), text.replace(g, " " + word).replace("- ", "-")]
    m = _HYPHEN_CODE.match(text)
    if m:
        out.append(m.group(1) + m.group(2))
    m = _JOINED_CODE.match(text)
    if m and hyphenate:
        out.append(m.group(1) + "-" + m.group(2))
    return out


def is_cased(text: str) -> bool:
    """Gene symbols and short forms match with exact case; long lower-case names do not."""
    return n_words(text) == 1 and (not has_lower(text) or len(text) <= 6 or any(c.isdigit() for c in text))


def gene_concept(gene: Gene, source: str, *, with_aliases: bool) -> Concept:
    c = Concept("target", gene.symbol, source, quality=10 if with_aliases else 60)
    c.ids.add("hgnc:" + gene.symbol)
    c.attrs["ids"] = {"hgnc": gene.hgnc_id, **({"uniprot": gene.uniprot} if gene.uniprot else {})}
    c.attrs["genes"] = [gene.symbol]
    for v in variants(gene.symbol, hyphenate=False):
        c.add(v, "name", cased=True, source="hgnc")
    if with_aliases:
        for a in (*gene.aliases, *gene.previous):
            for v in variants(a, hyphenate=False):
                c.add(v, "synonym", cased=is_cased(v), source="hgnc")
        if n_words(gene.name) >= 2:
            c.add(gene.name, "synonym", cased=False, source="hgnc")
    return c


def _resolver(genes: dict[str, Gene]) -> dict[str, str]:
    """Casefolded symbol/alias (and hyphen-less variant) → approved symbol, unambiguous only."""
    seen: dict[str, set[str]] = defaultdict(set)
    for g in genes.values():
        for t in (g.symbol, *g.aliases, *g.previous):
            for v in variants(t):
                seen[v.casefold().replace("-", "")].add(g.symbol)
    out = {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}
    for g in genes.values():  # an approved symbol always resolves to itself
        out[g.symbol.casefold().replace("-", "")] = g.symbol
    return out


def read_targets(data: Path, genes: dict[str, Gene]) -> Iterator[Concept]:
    """Target concepts from NCIt, ChEMBL, the mab table and FamPlex (see module doc)."""
    resolve = _resolver(genes)
    rich: dict[str, str] = {}  # symbol -> source
    ncit = data / "pharmoncox-ncit"
    for row in read_tsv(require(ncit / "oncology_drug_targets_by_gene_2022.tsv.gz")):
        if row["symbol"] in genes:
            rich.setdefault(row["symbol"], "ncit")
    for row in read_tsv(require(ncit / "oncology_drugs_2022.tsv.gz")):
        for s in split_list(row["target_symbol"]):
            if s in genes:
                rich.setdefault(s, "ncit")
    # therapeutic mabs: their target texts are the names the news uses ("PD-L1", "IL-4Rα")
    mab_names: dict[str, Counter[str]] = defaultdict(Counter)
    for _mab, text, sym in _mab_rows(data, resolve):
        rich.setdefault(sym, "mab")
        mab_names[sym][text] += 1
    uniprot = {g.uniprot: g.symbol for g in genes.values() if g.uniprot}
    chembl_only: set[str] = set()
    for row in read_tsv(require(data / "chembl-names" / "chembl36_targets.tsv.gz")):
        if row["target_type"] == "single-protein" and row["taxon"] == "NCBITaxon:9606":
            for u in split_list(row["uniprot"]):
                if u in uniprot and uniprot[u] not in rich:
                    chembl_only.add(uniprot[u])
    extra_aliases = _famplex_gene_texts(data, resolve, uniprot)
    for gsym in sorted(rich):
        c = gene_concept(genes[gsym], rich[gsym], with_aliases=True)
        for text in extra_aliases.get(gsym, []):
            for v in variants(text):
                c.add(v, "synonym", cased=is_cased(v), source="famplex")
        counts = mab_names.get(gsym, Counter())
        for text in sorted(counts):
            for v in variants(text):  # the mab table's target texts, resolved to this HGNC gene
                c.add(v, "synonym", cased=is_cased(v), source="hgnc")
        names = [t for t in counts if _is_symbol_like(t) and
                 t.replace("-", "").upper() != gsym.replace("-", "").upper()]
        if names:
            c.name = max(names, key=lambda t: (counts[t], t))
            c.quality = 5
            c.add(c.name, "name", cased=True, source="hgnc")
        yield c
    for sym in sorted(chembl_only):
        if len(sym) >= 3 and (zipf(sym) <= 3.0):
            yield gene_concept(genes[sym], "chembl", with_aliases=False)
    yield from _famplex_families(data)


def _mab_rows(data: Path, resolve: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """(antibody name, target text, HGNC symbol) for the mab table's targets that name one gene."""
    for row in read_tsv(require(data / "inn-stems" / "therapeutic_mabs_wikipedia.tsv")):
        for part in re.split(r",|/| and ", row["target"]):
            text = re.sub(r"\(.*?\)|\?", "", part).strip()
            sym = resolve.get(text.casefold().replace("-", ""))
            for a, (letter, _) in _GREEK.items():
                sym = sym or resolve.get(text.replace(a, letter).casefold().replace("-", ""))
            if sym:
                yield row["name"].strip(), text, sym


def mab_targets(data: Path, genes: dict[str, Gene]) -> dict[str, list[str]]:
    """Lower-case antibody name → HGNC symbols of its targets, from the therapeutic-mab table."""
    out: dict[str, set[str]] = defaultdict(set)
    for mab, _text, sym in _mab_rows(data, _resolver(genes)):
        out[mab.casefold()].add(sym)
    return {k: sorted(v) for k, v in out.items()}


def _is_symbol_like(text: str) -> bool:
    return n_words(text) == 1 and len(text) <= 8 and not has_lower(text.replace("α", "").replace("β", ""))


def _grounding_rows(data: Path) -> Iterator[list[str]]:
    with open(require(data / "famplex" / "grounding_map.csv"), encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh):
            if row and row[0].strip():
                yield [*row, "", "", "", "", "", ""][:7]


def _famplex_gene_texts(data: Path, resolve: dict[str, str], uniprot: dict[str, str]) -> dict[str, list[str]]:
    """FamPlex grounding-map strings that name one human gene ("PD-1" → PDCD1, "HER2" → ERBB2)."""
    out: dict[str, list[str]] = defaultdict(list)
    for row in _grounding_rows(data):
        text, pairs = row[0].strip(), list(zip(row[1::2], row[2::2], strict=False))
        syms = {i for ns, i in pairs if ns == "HGNC"} | {uniprot[i] for ns, i in pairs if ns == "UP" and i in uniprot}
        if len(syms) == 1 and not any(ns == "FPLX" for ns, _ in pairs):
            out[next(iter(syms))].append(text)
    return out


def _famplex_families(data: Path) -> Iterator[Concept]:
    """FamPlex families named by grounding-map strings ("RAS", "PI3K", "JAK")."""
    texts: dict[str, list[str]] = defaultdict(list)
    for row in _grounding_rows(data):
        if row[1] == "FPLX" and not row[3]:
            texts[row[2]].append(row[0].strip())
    members: dict[str, set[str]] = defaultdict(set)
    with open(require(data / "famplex" / "relations.csv"), encoding="utf-8", newline="") as fh:
        for r in csv.reader(fh):
            if len(r) == 5 and r[0] == "HGNC" and r[3] == "FPLX":
                members[r[4]].add(r[1])
    for fid in sorted(texts):
        name = fid.replace("_", " ")
        c = Concept("target", name, "famplex", quality=30)
        c.ids.add("fplx:" + fid)
        c.attrs["ids"] = {"fplx": fid}
        if members.get(fid):
            c.attrs["genes"] = sorted(members[fid])
        c.add(name, "name", cased=is_cased(name))
        for t in texts[fid]:
            for v in variants(t):
                c.add(v, "synonym", cased=is_cased(v))
        yield c
